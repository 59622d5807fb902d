// keeps comments and trailing blank lines
const foo: number = 1;
export { foo };

