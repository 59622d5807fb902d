export const V = () => <b>{bar}</b>;
