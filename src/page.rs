//! The page a fetch resolves with, before it becomes a JS object.

use crate::decode::DecodedPage;

/// A fetched page and where it sits in the whole result.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The decoded records and `total_items`.
    pub decoded: DecodedPage,
    /// The offset that was asked for.
    pub offset: u64,
    /// The page size that was asked for.
    pub count: u64,
}

impl Page {
    /// The offset of the next page, or `None` on the last page.
    ///
    /// An empty page is the last one even when `total_items` says more exist, so that a
    /// caller looping on `next_offset` always stops.
    pub fn next_offset(&self) -> Option<u64> {
        let received = self.decoded.records.len() as u64;
        let next = self.offset.saturating_add(received);
        (received > 0 && next < self.decoded.total_items).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::RecordColumns;

    fn page(offset: u64, received: usize, total_items: u64) -> Page {
        let mut records = RecordColumns::default();
        for _ in 0..received {
            records.push_empty_record();
        }
        Page {
            decoded: DecodedPage {
                records,
                total_items,
            },
            offset,
            count: 100,
        }
    }

    #[test]
    fn next_offset_follows_the_records_received() {
        assert_eq!(page(0, 100, 250).next_offset(), Some(100));
        assert_eq!(page(200, 50, 250).next_offset(), None);
        assert_eq!(page(100, 100, 200).next_offset(), None);
    }

    #[test]
    fn a_short_page_before_the_end_still_points_past_what_came() {
        assert_eq!(page(0, 40, 250).next_offset(), Some(40));
    }

    #[test]
    fn an_empty_page_is_the_last_even_if_the_total_says_otherwise() {
        assert_eq!(page(300, 0, 250).next_offset(), None);
        assert_eq!(page(0, 0, 250).next_offset(), None);
    }
}
