// A CommonJS consumer: `require` of the ES module package, as Node 20.19+ allows.
import csr = require('customer-source-records');

export async function firstCustomer(baseUrl: string): Promise<string | undefined> {
  await csr.init();
  const page: csr.SourceRecordPage = await csr.fetchSourceRecords({ baseUrl, count: 1 });
  // @ts-expect-error TS2322 a direction is ASC or DESC
  csr.sourceRecordsUrl({ baseUrl, sortDirection: 'sideways' });
  return page.records[0]?.customer_id;
}
