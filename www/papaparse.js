// papaparse as an ES module for the console's import map. The package ships UMD only, which
// cannot run as a module (it sets `this.Papa`), so this loads it as a classic script
// (/vendor/papaparse/papaparse.min.js, from cli/node_modules) and hands it on. Only the Bulk
// view imports it, and that view loads when first opened: most visits never fetch it.
await new Promise((resolve, reject) => {
  const script = document.createElement("script");
  script.src = "/vendor/papaparse/papaparse.min.js";
  script.onload = resolve;
  script.onerror = () => reject(new Error("papaparse could not be loaded"));
  document.head.append(script);
});
export default globalThis.Papa;
