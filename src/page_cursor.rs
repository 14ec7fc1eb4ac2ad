//! `sourceRecordPages`: pages one at a time, for callers who process as they go.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::error::Error;
use crate::fetch::fetch_page;
use crate::js_error::to_js_error;
use crate::js_page::page_to_js;
use crate::js_query::{split_options, Hooks};
use crate::paging::{PageWalk, PagingOptions};
use crate::query::SourceRecordQuery;

/// Walks the pages of a query in order, one request at a time. The JS wrapper turns it into an
/// async iterator; when the caller stops iterating, `next` is simply not called again.
#[wasm_bindgen]
pub struct SourceRecordPageCursor {
    state: Rc<RefCell<CursorState>>,
}

struct CursorState {
    query: SourceRecordQuery,
    hooks: Hooks,
    walk: PageWalk,
    busy: bool,
}

#[wasm_bindgen]
impl SourceRecordPageCursor {
    /// Checks the query and options; throws an `InvalidQueryError` before anything is sent.
    #[wasm_bindgen(constructor)]
    pub fn new(query: JsValue, options: JsValue) -> Result<SourceRecordPageCursor, JsValue> {
        open_cursor(query, options).map_err(|error| to_js_error(&error))
    }

    /// Resolves with the next page, or `null` after the last one.
    pub fn next(&self) -> Promise {
        let state = Rc::clone(&self.state);
        future_to_promise(async move {
            match next_page(&state).await {
                Ok(page) => Ok(page),
                Err(error) => Err(to_js_error(&error)),
            }
        })
    }
}

fn open_cursor(query: JsValue, options: JsValue) -> Result<SourceRecordPageCursor, Error> {
    let (query_value, query_hooks) = split_options("query", query, &["signal", "onRetry"])?;
    let (options_value, option_hooks) = split_options("options", options, &["signal"])?;
    let query = SourceRecordQuery::from_options(&query_value)?;
    let paging = PagingOptions::from_option(&options_value)?;
    let page_size = paging.page_size.unwrap_or(query.effective_count());
    let walk = PageWalk::new(query.effective_offset(), page_size, paging.max_records);
    let state = CursorState {
        query,
        hooks: query_hooks.with_options(option_hooks),
        walk,
        busy: false,
    };
    Ok(SourceRecordPageCursor {
        state: Rc::new(RefCell::new(state)),
    })
}

async fn next_page(state: &Rc<RefCell<CursorState>>) -> Result<JsValue, Error> {
    let (query, hooks) = {
        let mut current = state.borrow_mut();
        if current.busy {
            return Err(Error::invalid(
                "next",
                "wait for the previous page before asking for the next",
            ));
        }
        let Some(request) = current.walk.next_request() else {
            return Ok(JsValue::NULL);
        };
        current.busy = true;
        let mut query = current.query.clone();
        query.params.offset = Some(request.offset);
        query.params.count = Some(request.count);
        (query, current.hooks.clone())
    };

    let fetched = fetch_page(&query, hooks.signal.as_ref(), hooks.on_retry.as_ref()).await;
    let mut current = state.borrow_mut();
    current.busy = false;
    match fetched {
        Ok(page) => {
            current.walk.advance(&page);
            Ok(page_to_js(&page))
        }
        Err(error) => {
            current.walk.stop();
            Err(error)
        }
    }
}
