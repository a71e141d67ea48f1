// jstat ships no types; declare just the parts jwtbench uses.
declare module 'jstat' {
  export const jStat: {
    studentt: { inv(p: number, df: number): number; cdf(x: number, df: number): number };
    normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
  };
  const jstat: { jStat: typeof jStat };
  export default jstat;
}
