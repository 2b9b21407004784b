// papaparse as an ES module for the console's import map. The package ships UMD only, which
// cannot run as a module (it sets `this.Papa`); index.html loads it first as a classic
// script (/vendor/papaparse/papaparse.min.js, from cli/node_modules), and this hands it on.
export default globalThis.Papa;
