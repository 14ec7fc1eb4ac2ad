// Node ESM: the package imported by name. Prints the checks' result as JSON.
import * as csr from 'customer-source-records';

import { runChecks } from './package-checks.js';

console.log(JSON.stringify(await runChecks(csr, process.argv[2])));
