import { addDependencies } from '../../src/emit/package-json';

describe('package.json dependencies', () => {
  const wanted = [
    { name: 'lambdashift', range: '^0.1.0', dev: false },
    { name: '@types/aws-lambda', range: '^8.10.0', dev: true },
  ];

  it('moves lambdashift from devDependencies (installed for the CLI) to dependencies: listed once', () => {
    const text = JSON.stringify({ name: 's', dependencies: { express: '^4.21.0' }, devDependencies: { lambdashift: '^0.1.2', typescript: '^5.9.3' } }, null, 2) + '\n';
    const pkg = JSON.parse(addDependencies(text, wanted));
    expect(pkg.dependencies).toEqual({ express: '^4.21.0', lambdashift: '^0.1.2' });
    expect(pkg.devDependencies).toEqual({ '@types/aws-lambda': '^8.10.0', typescript: '^5.9.3' });
    // A second run changes nothing.
    const once = addDependencies(text, wanted);
    expect(addDependencies(once, wanted)).toBe(once);
  });

  it('adds it to dependencies when absent, and leaves no empty devDependencies behind', () => {
    const pkg = JSON.parse(addDependencies(JSON.stringify({ name: 's', devDependencies: { lambdashift: '^0.1.0' } }), [wanted[0]]));
    expect(pkg).toEqual({ name: 's', dependencies: { lambdashift: '^0.1.0' } });
  });
});
