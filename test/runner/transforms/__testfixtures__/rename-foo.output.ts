// keeps comments and trailing blank lines
const bar: number = 1;
export { bar };

