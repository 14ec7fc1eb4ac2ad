//! The fields of a customer source record.

/// A first-level field of a record, named as the API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordField {
    /// `customer_source_record_id`: the record's own id.
    RecordId,
    /// `customer_source_id`: the system the account lives in.
    SourceId,
    /// `customer_id`: the customer account.
    CustomerId,
    /// `external_id`: the account's id in the source system, often null.
    ExternalId,
    /// `last_change`: `YYYY-MM-DD HH:MM:SS` in the project's local time, or null.
    LastChange,
}

impl RecordField {
    /// Every field, in the order the API documents them.
    pub const ALL: [RecordField; 5] = [
        RecordField::RecordId,
        RecordField::SourceId,
        RecordField::CustomerId,
        RecordField::ExternalId,
        RecordField::LastChange,
    ];

    /// The field's name in the API and in records.
    pub fn api_name(self) -> &'static str {
        match self {
            RecordField::RecordId => "customer_source_record_id",
            RecordField::SourceId => "customer_source_id",
            RecordField::CustomerId => "customer_id",
            RecordField::ExternalId => "external_id",
            RecordField::LastChange => "last_change",
        }
    }

    /// The field with this API name, if any.
    pub fn from_api_name(name: &str) -> Option<RecordField> {
        // A match, unlike a search of `ALL`, compiles to one length test and one comparison:
        // decoding a page calls this for every member of every record.
        match name {
            "customer_source_record_id" => Some(RecordField::RecordId),
            "customer_source_id" => Some(RecordField::SourceId),
            "customer_id" => Some(RecordField::CustomerId),
            "external_id" => Some(RecordField::ExternalId),
            "last_change" => Some(RecordField::LastChange),
            _ => None,
        }
    }

    /// Position in [`RecordField::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the API may send `null` (or leave the field out).
    pub fn is_nullable(self) -> bool {
        matches!(self, RecordField::ExternalId | RecordField::LastChange)
    }

    /// All API names joined for error messages.
    pub fn api_names() -> String {
        RecordField::ALL.map(RecordField::api_name).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_round_trip_and_index_matches_position() {
        for (position, field) in RecordField::ALL.into_iter().enumerate() {
            assert_eq!(RecordField::from_api_name(field.api_name()), Some(field));
            assert_eq!(field.index(), position);
        }
        assert_eq!(RecordField::from_api_name("customerId"), None);
    }
}
