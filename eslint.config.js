// The ESLint configuration lives in tools/lint/, beside the linters and the TypeScript 6 compiler API they load
// (the project itself compiles with TypeScript 7, which has no JS API typescript-eslint 8 can use).
export { default } from "./tools/lint/eslint.config.js";
