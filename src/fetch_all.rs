//! Every page of a result, the pages after the first fetched concurrently.

use std::cell::Cell;

use futures_util::stream::{self, StreamExt};
use js_sys::Object;
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::fetch::fetch_page;
use crate::js_page::all_records_to_js;
use crate::js_props::set;
use crate::js_query::{call_hook, split_options, Hooks};
use crate::page::Page;
use crate::paging::{
    end_of_data, merge_pages, remaining_requests, AllRecords, PageRequest, PagingOptions,
};
use crate::query::SourceRecordQuery;
use crate::timing::ScopedCancellation;

/// `fetchAllSourceRecords(query, options)`: reads both objects, fetches, and builds the result.
pub async fn fetch_all_from_js(query: JsValue, options: JsValue) -> Result<JsValue, Error> {
    let (query, query_hooks) = split_options("query", query, &["signal", "onRetry"])?;
    let (options, option_hooks) = split_options("options", options, &["signal", "onProgress"])?;
    let query = SourceRecordQuery::from_options(&query)?;
    let paging = PagingOptions::from_option(&options)?;
    let hooks = query_hooks.with_options(option_hooks);
    let all = fetch_all(&query, paging, &hooks).await?;
    Ok(all_records_to_js(all, paging.record_set))
}

/// Fetches the first page, then the rest `options.concurrency` at a time, and merges them in
/// server order. The first failure cancels the requests still in flight.
pub async fn fetch_all(
    query: &SourceRecordQuery,
    options: PagingOptions,
    hooks: &Hooks,
) -> Result<AllRecords, Error> {
    // Dropped on every way out, which aborts whatever is still in flight.
    let run = ScopedCancellation::for_run(hooks.signal.as_ref());
    let run_signal = run.signal();
    let page_size = options.page_size.unwrap_or(query.effective_count());
    let start = query.effective_offset();
    let first_count = options
        .max_records
        .map_or(page_size, |max| max.min(page_size));
    let fetch = |request: PageRequest| {
        let windowed = with_window(query, request);
        let signal = run_signal.clone();
        async move { fetch_page(&windowed, Some(&signal), hooks.on_retry.as_ref()).await }
    };

    let first = fetch(PageRequest {
        offset: start,
        count: first_count,
    })
    .await?;
    let expected = expected_records(&first, options.max_records);
    let mut progress = Progress {
        loaded: first.decoded.records.len(),
        pages: 1,
        expected,
    };
    progress.report(hooks);

    // Requests are made lazily as slots free up, and none at or past a short page's end.
    let data_end = Cell::new(end_of_data(&first).unwrap_or(u64::MAX));
    let requests = remaining_requests(
        start,
        page_size,
        first.decoded.total_items,
        options.max_records,
    )
    .take_while(|request| request.offset < data_end.get());
    let mut arrived: Vec<(usize, Page)> = Vec::new();
    let mut arriving = stream::iter(requests.enumerate())
        .map(|(index, request)| {
            let page = fetch(request);
            async move { (index, page.await) }
        })
        .buffer_unordered(options.concurrency);
    while let Some((index, page)) = arriving.next().await {
        let page = page?;
        if let Some(end) = end_of_data(&page) {
            data_end.set(data_end.get().min(end));
        }
        progress.loaded += page.decoded.records.len();
        progress.pages += 1;
        progress.report(hooks);
        arrived.push((index, page));
    }
    drop(arriving);

    let ordered: Vec<Page> = std::iter::once(first)
        .chain(in_request_order(arrived))
        .collect();
    merge_pages(&ordered, options.max_records)
}

/// The pages in the order they were requested. Each page's request index is its place, so
/// they are put there rather than sorted.
fn in_request_order(arrived: Vec<(usize, Page)>) -> impl Iterator<Item = Page> {
    let mut places: Vec<Option<Page>> = Vec::new();
    for (index, page) in arrived {
        if index >= places.len() {
            places.resize_with(index + 1, || None);
        }
        places[index] = Some(page);
    }
    places.into_iter().flatten()
}

fn with_window(query: &SourceRecordQuery, request: PageRequest) -> SourceRecordQuery {
    let mut windowed = query.clone();
    windowed.params.offset = Some(request.offset);
    windowed.params.count = Some(request.count);
    windowed
}

fn expected_records(first: &Page, max_records: Option<u64>) -> u64 {
    let total = first.decoded.total_items.saturating_sub(first.offset);
    max_records.map_or(total, |max| max.min(total))
}

struct Progress {
    loaded: usize,
    pages: usize,
    expected: u64,
}

impl Progress {
    /// `onProgress({ loaded, total, pages })`.
    fn report(&self, hooks: &Hooks) {
        if hooks.on_progress.is_none() {
            return;
        }
        let info = Object::new();
        set(&info, "loaded", self.loaded as f64);
        set(&info, "total", self.expected as f64);
        set(&info, "pages", self.pages as f64);
        call_hook(hooks.on_progress.as_ref(), &info.into());
    }
}
