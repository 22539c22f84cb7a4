// What esbuild's loaders give the playground's imports: example YAML files as their text ("text" loader), and the
// style sheet, which the build writes to playground.css next to the script.
declare module "*.yaml" {
  const text: string;
  export default text;
}
declare module "*.css";
