//! Every page of a result: which pages to ask for after the first, and putting them together.
//!
//! Offset paging over data that changes can repeat or skip records. Records are de-duplicated
//! by `customer_source_record_id`, and the result says whether `total_items` moved between
//! pages and whether the unique records add up to it, instead of hiding either.

use std::collections::HashSet;

use crate::columns::{ColumnsFull, RecordColumns};
use crate::error::Error;
use crate::options::{read_bool, read_integer, read_object, unknown_key, OptionValue};
use crate::page::Page;
use crate::record::RecordField;

/// Option names of `fetchAllSourceRecords` and `sourceRecordPages`.
pub const PAGING_KEYS: [&str; 6] = [
    "pageSize",
    "concurrency",
    "maxRecords",
    "recordSet",
    "onProgress",
    "signal",
];

/// The most requests in flight at once that `concurrency` allows.
const MAX_CONCURRENCY: u64 = 16;

/// How to walk the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingOptions {
    /// The `count` of each request; `None` keeps the query's own `count`.
    pub page_size: Option<u64>,
    /// Requests in flight at once after the first page.
    pub concurrency: usize,
    /// Stop after this many records.
    pub max_records: Option<u64>,
    /// Keep the records in a `RecordSet` instead of making JS objects of them.
    pub record_set: bool,
}

impl Default for PagingOptions {
    fn default() -> Self {
        PagingOptions {
            page_size: None,
            concurrency: 4,
            max_records: None,
            record_set: false,
        }
    }
}

impl PagingOptions {
    /// Reads the options object; `onProgress` and `signal` are taken out by the JS layer.
    pub fn from_option(value: &OptionValue) -> Result<PagingOptions, Error> {
        let mut options = PagingOptions::default();
        if value.is_null() {
            return Ok(options);
        }
        for (key, value) in read_object("options", value)? {
            if value.is_null() {
                continue;
            }
            let field = format!("options.{key}");
            match key.as_str() {
                "pageSize" => options.page_size = Some(read_integer(&field, value, 1)?),
                "maxRecords" => options.max_records = Some(read_integer(&field, value, 1)?),
                "concurrency" => options.concurrency = read_concurrency(&field, value)?,
                "recordSet" => options.record_set = read_bool(&field, value)?,
                "onProgress" | "signal" => {}
                _ => return Err(unknown_key("options.", key, &PAGING_KEYS)),
            }
        }
        Ok(options)
    }
}

fn read_concurrency(field: &str, value: &OptionValue) -> Result<usize, Error> {
    let concurrency = read_integer(field, value, 1)?;
    if concurrency > MAX_CONCURRENCY {
        return Err(Error::invalid(
            field,
            format!("{field} must be at most {MAX_CONCURRENCY}"),
        ));
    }
    Ok(concurrency as usize)
}

/// One request of a walk: its `offset` and `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Records to skip.
    pub offset: u64,
    /// Records to ask for.
    pub count: u64,
}

/// The requests that follow a first page at `start` of `page_size` records, given the
/// `total_items` it reported and an optional `max_records` (counted from `start`). Only
/// `max_records` shortens the last request; otherwise it asks for a whole page, so records
/// added meanwhile can still arrive. The requests are made as they are taken, so a server
/// claiming an absurd total costs nothing until they are sent.
pub fn remaining_requests(
    start: u64,
    page_size: u64,
    total_items: u64,
    max_records: Option<u64>,
) -> RemainingRequests {
    let wanted = total_items
        .saturating_sub(start)
        .min(max_records.unwrap_or(u64::MAX));
    RemainingRequests {
        next_offset: start.saturating_add(page_size),
        end: start.saturating_add(wanted),
        page_size: page_size.max(1),
        trim_last: max_records.is_some(),
    }
}

/// The iterator of [`remaining_requests`].
#[derive(Debug, Clone)]
pub struct RemainingRequests {
    next_offset: u64,
    end: u64,
    page_size: u64,
    trim_last: bool,
}

impl Iterator for RemainingRequests {
    type Item = PageRequest;

    fn next(&mut self) -> Option<PageRequest> {
        if self.next_offset >= self.end {
            return None;
        }
        let offset = self.next_offset;
        let count = if self.trim_last {
            self.page_size.min(self.end - offset)
        } else {
            self.page_size
        };
        self.next_offset = offset.saturating_add(self.page_size);
        Some(PageRequest { offset, count })
    }
}

/// Where the server's records end, when a page says so by coming back short: nothing at or
/// past that offset is worth asking for, whatever `total_items` claimed.
pub fn end_of_data(page: &Page) -> Option<u64> {
    let received = page.decoded.records.len() as u64;
    (received < page.count).then(|| page.offset.saturating_add(received))
}

/// A walk one page at a time: where the next request goes, and when to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWalk {
    next_offset: Option<u64>,
    page_size: u64,
    remaining: Option<u64>,
}

impl PageWalk {
    /// Starts at `start`, asking `page_size` records at a time, for at most `max_records`.
    pub fn new(start: u64, page_size: u64, max_records: Option<u64>) -> PageWalk {
        PageWalk {
            next_offset: Some(start),
            page_size,
            remaining: max_records,
        }
    }

    /// The next request, or `None` when the walk is over.
    pub fn next_request(&self) -> Option<PageRequest> {
        let offset = self.next_offset?;
        let count = self
            .remaining
            .map_or(self.page_size, |left| left.min(self.page_size));
        (count > 0).then_some(PageRequest { offset, count })
    }

    /// Moves past a page that arrived.
    pub fn advance(&mut self, page: &Page) {
        self.next_offset = page.next_offset();
        if let Some(left) = &mut self.remaining {
            *left = left.saturating_sub(page.decoded.records.len() as u64);
        }
    }

    /// Ends the walk early (the caller stopped, or a request failed).
    pub fn stop(&mut self) {
        self.next_offset = None;
    }
}

/// The records of a walk, put together.
#[derive(Debug, Clone, PartialEq)]
pub struct AllRecords {
    /// Unique records in server order.
    pub records: RecordColumns,
    /// `total_items` of the first page.
    pub total_items: u64,
    /// Requests that returned a page.
    pub pages: usize,
    /// Records dropped because an earlier page already had their id.
    pub duplicates: usize,
    /// Whether any page reported a different `total_items` from the first.
    pub total_items_changed: bool,
    /// Whether the unique records are exactly as many as `total_items` promised and no page
    /// reported another total: a walk over data that changed is never called complete.
    pub complete: bool,
}

/// Joins pages in order, keeping the first record of each id and at most `max_records`.
pub fn merge_pages(pages: &[Page], max_records: Option<u64>) -> Result<AllRecords, Error> {
    let first = pages
        .first()
        .map(|page| page.decoded.total_items)
        .unwrap_or(0);
    let start = pages.first().map(|page| page.offset).unwrap_or(0);
    let limit = max_records.unwrap_or(u64::MAX);
    let mut merged = Merged::default();
    for page in pages {
        merged
            .add(&page.decoded.records, limit)
            .map_err(|_| too_large())?;
    }
    let expected = first.saturating_sub(start).min(limit);
    let total_items_changed = pages.iter().any(|page| page.decoded.total_items != first);
    Ok(AllRecords {
        complete: !total_items_changed && merged.records.len() as u64 == expected,
        records: merged.records,
        total_items: first,
        pages: pages.len(),
        duplicates: merged.duplicates,
        total_items_changed,
    })
}

#[derive(Default)]
struct Merged {
    records: RecordColumns,
    seen: HashSet<String>,
    duplicates: usize,
}

impl Merged {
    fn add(&mut self, page: &RecordColumns, limit: u64) -> Result<(), ColumnsFull> {
        for index in 0..page.len() {
            if self.records.len() as u64 >= limit {
                return Ok(());
            }
            let id = page.get(index, RecordField::RecordId).unwrap_or_default();
            if self.seen.insert(id.to_owned()) {
                self.records.push_record_from(page, index)?;
            } else {
                self.duplicates += 1;
            }
        }
        Ok(())
    }
}

fn too_large() -> Error {
    Error::Decode {
        field: None,
        message: "the records do not fit in memory; use sourceRecordPages".into(),
        status: 200,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::DecodedPage;

    fn page(offset: u64, ids: &[&str], total_items: u64) -> Page {
        let mut records = RecordColumns::default();
        for id in ids {
            let index = records.push_empty_record();
            records.set(index, RecordField::RecordId, id).unwrap();
        }
        Page {
            decoded: DecodedPage {
                records,
                total_items,
            },
            offset,
            count: ids.len() as u64,
        }
    }

    fn ids(all: &AllRecords) -> Vec<&str> {
        (0..all.records.len())
            .map(|i| all.records.get(i, RecordField::RecordId).unwrap())
            .collect()
    }

    fn request(offset: u64, count: u64) -> PageRequest {
        PageRequest { offset, count }
    }

    fn requests(start: u64, page_size: u64, total: u64, max: Option<u64>) -> Vec<PageRequest> {
        remaining_requests(start, page_size, total, max).collect()
    }

    #[test]
    fn an_absurd_total_plans_nothing_until_requests_are_taken() {
        let mut plan = remaining_requests(0, 100, u64::MAX, None);
        assert_eq!(plan.next(), Some(request(100, 100)));
        assert_eq!(plan.nth(1_000_000), Some(request(100_000_200, 100)));
    }

    #[test]
    fn a_short_page_marks_the_end_of_the_data() {
        assert_eq!(end_of_data(&page(200, &["a"; 40], 1_000_000)), None);
        let mut short = page(200, &["a"; 40], 1_000_000);
        short.count = 100;
        assert_eq!(end_of_data(&short), Some(240));
    }

    #[test]
    fn remaining_requests_cover_the_total_in_whole_pages() {
        assert_eq!(
            requests(0, 100, 250, None),
            vec![request(100, 100), request(200, 100)]
        );
    }

    #[test]
    fn remaining_requests_start_after_a_non_zero_first_offset() {
        assert_eq!(requests(30, 50, 100, None), vec![request(80, 50)]);
    }

    #[test]
    fn remaining_requests_stop_at_max_records() {
        assert_eq!(
            requests(0, 100, 10_000, Some(230)),
            vec![request(100, 100), request(200, 30)]
        );
        assert_eq!(requests(0, 100, 10_000, Some(100)), vec![]);
    }

    #[test]
    fn no_remaining_requests_when_one_page_holds_everything() {
        assert_eq!(requests(0, 100, 100, None), vec![]);
        assert_eq!(requests(0, 100, 0, None), vec![]);
        assert_eq!(requests(500, 100, 100, None), vec![]);
    }

    #[test]
    fn a_walk_follows_next_offset_until_the_last_page() {
        let mut walk = PageWalk::new(0, 2, None);
        assert_eq!(walk.next_request(), Some(request(0, 2)));
        walk.advance(&page(0, &["a", "b"], 3));
        assert_eq!(walk.next_request(), Some(request(2, 2)));
        walk.advance(&page(2, &["c"], 3));
        assert_eq!(walk.next_request(), None);
    }

    #[test]
    fn a_walk_asks_only_for_what_max_records_leaves() {
        let mut walk = PageWalk::new(10, 100, Some(150));
        assert_eq!(walk.next_request(), Some(request(10, 100)));
        walk.advance(&page(10, &["x"; 100], 1_000));
        assert_eq!(walk.next_request(), Some(request(110, 50)));
        walk.advance(&page(110, &["y"; 50], 1_000));
        assert_eq!(walk.next_request(), None);
    }

    #[test]
    fn a_stopped_walk_sends_nothing_more() {
        let mut walk = PageWalk::new(0, 10, None);
        walk.stop();
        assert_eq!(walk.next_request(), None);
    }

    #[test]
    fn merging_keeps_server_order_and_reports_a_clean_walk() {
        let all = merge_pages(&[page(0, &["a", "b"], 3), page(2, &["c"], 3)], None).unwrap();
        assert_eq!(ids(&all), ["a", "b", "c"]);
        assert_eq!((all.pages, all.duplicates, all.total_items), (2, 0, 3));
        assert!(all.complete && !all.total_items_changed);
    }

    #[test]
    fn a_record_inserted_between_pages_is_reported_not_hidden() {
        // "x" was inserted at the front after page one, pushing "b" onto page two again.
        let pages = [page(0, &["a", "b"], 4), page(2, &["b", "c"], 5)];
        let all = merge_pages(&pages, None).unwrap();
        assert_eq!(ids(&all), ["a", "b", "c"]);
        assert_eq!(all.duplicates, 1);
        assert!(all.total_items_changed);
        assert!(!all.complete);
    }

    #[test]
    fn merging_stops_at_max_records() {
        let all = merge_pages(&[page(0, &["a", "b"], 9), page(2, &["c", "d"], 9)], Some(3));
        let all = all.unwrap();
        assert_eq!(ids(&all), ["a", "b", "c"]);
        assert!(all.complete);
    }

    #[test]
    fn paging_options_are_read_and_checked() {
        let value = serde_json::from_str(r#"{"pageSize":500,"concurrency":8,"recordSet":true}"#);
        let options = PagingOptions::from_option(&value.unwrap()).unwrap();
        assert_eq!((options.page_size, options.concurrency), (Some(500), 8));
        assert!(options.record_set);
        let bad = serde_json::from_str(r#"{"concurrency":17}"#).unwrap();
        assert_eq!(
            PagingOptions::from_option(&bad).unwrap_err().to_string(),
            "options.concurrency must be at most 16"
        );
        let misspelt = serde_json::from_str(r#"{"page_size":5}"#).unwrap();
        assert_eq!(
            PagingOptions::from_option(&misspelt)
                .unwrap_err()
                .to_string(),
            "unknown option options.page_size; did you mean options.pageSize?"
        );
    }
}
