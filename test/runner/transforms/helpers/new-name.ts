export const NEW_NAME: string = 'bar';
