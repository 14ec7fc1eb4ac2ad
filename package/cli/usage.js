// The text of `--help`, kept apart from the code that parses the flags it describes.

export const USAGE = `Usage: customer-source-records [options]

Fetches customer source records from a CRM's REST customer interface and prints them on
stdout. Credentials are best given in the environment: flags show in \`ps\`.

Connection:
  --base-url URL            API root, everything before /customer-source-records
                            (env CSR_BASE_URL)
  --token TOKEN             Bearer token (env CSR_TOKEN)
  --username USER           Basic user, usually customer_interface (env CSR_USERNAME)
  --password PASSWORD       Basic password, the token id (env CSR_PASSWORD)
  --language TAGS           Accept-Language header (default "cs, en-gb;q=0.8")
  --timeout-ms N            time limit of each attempt (default 30000)
  --retries N               retries of 429, 5xx, network failures and timeouts (default 3)

Query, sent to the server:
  --count N                 records per page (default 100)
  --offset N                records to skip (default 0)
  --sort-field FIELD        server-side sort, e.g. last_change
  --sort-direction ASC|DESC
  --customer-id ID
  --customer-source-id ID
  --external-id ID          deprecated by the API in favour of --external-ids
  --external-ids ID         one id per flag, repeat it for more (up to 1000, any matches);
                            values are not split on commas, which an id may contain

Pages:
  --all                     every page from --offset on, not just one
  --page-size N             records per request with --all (default: --count, else 100)
  --max-records N           with --all, stop after N records (counted before --filter)
  --concurrency N           with --all, requests in flight, 1 to 16 (default 4); only when
                            every record is held (json or --sort): ndjson and csv stream
                            one page at a time with bounded memory

Output:
  --format FORMAT           json (default): one object, the page or with --all the whole
                              result, the records under "records" (jq '.records[]')
                            ndjson: one record per line
                            csv: a header row with the five field names, then one row per
                              record; null is an empty field
  --sort KEYS               sort client-side by FIELD[:asc|desc],... e.g.
                            last_change:desc,customer_id; needs every record at once, so
                            --all --sort holds them all in memory even for ndjson and csv
  --filter KEY=VALUE        keep only matching records, client-side; repeatable, every KEY
                            must match. KEY: customerId, customerSourceId, externalId (repeat
                            one of these for any of several values), hasExternalId
                            (true|false), changedFrom, changedTo (YYYY-MM-DD[ HH:MM:SS],
                            inclusive), search (text in any field, any case)

  -h, --help                print this help
  --version                 print the version

With --all, a progress bar is drawn on stderr when stderr is a terminal (not while records
stream to that same terminal). Errors are one line on stderr, starting with "error:".
Exit status: 0 done, 1 the request or its response failed, 2 bad flags or query,
130 interrupted.
`;
