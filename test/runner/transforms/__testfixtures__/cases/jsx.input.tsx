export const V = () => <b>{foo}</b>;
