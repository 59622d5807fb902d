// bench:migrate's migrate child (one timed dry run + JSON report), bundled beside main.ts.
import '../migrate/migrate-child';
