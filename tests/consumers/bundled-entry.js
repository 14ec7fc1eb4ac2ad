// The entry that Vite and webpack bundle: the package imported by name, as an app would.
import * as csr from 'customer-source-records';

import { reportOnPage } from './page-status.js';

reportOnPage(csr);
