// Node CommonJS: the package loaded with require(). Prints the checks' result as JSON.
const csr = require('customer-source-records');

import('./package-checks.js')
  .then(({ runChecks }) => runChecks(csr, process.argv[2]))
  .then((result) => console.log(JSON.stringify(result)));
