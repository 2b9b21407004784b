//! One problem with a request, as a form can show it under its field.

use crate::prelude::*;
use core::fmt;
use serde::Serialize;

/// What kind of problem it is; stable strings a UI can switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A required parameter is missing.
    Required,
    /// Wrong JSON type (a number where a string belongs, a `null`, …).
    Type,
    /// Not a UUID / not a date-time.
    Format,
    /// Does not match the pattern (a code that is not all digits).
    Pattern,
    /// Not one of the allowed values.
    Enum,
    MinLength,
    /// Longer than a parameter may be (free text over [`MAX_TEXT_LENGTH`](super::spec::MAX_TEXT_LENGTH) characters).
    MaxLength,
    Minimum,
    /// A parameter the endpoint does not take (often a typo).
    UnknownField,
    /// Two parameters that exclude each other were both given.
    Conflict,
    /// None of the parameters of which one is needed was given.
    MissingOneOf,
    /// A parameter needs another one that was not given.
    Requires,
    /// A combination of filters the endpoint does not allow.
    Combination,
    /// A date-time that must come after another does not.
    Order,
    /// A date-time that must be in the future is not.
    Past,
}

impl IssueCode {
    /// Every code, in declaration order.
    pub const ALL: [IssueCode; 15] = [
        IssueCode::Required,
        IssueCode::Type,
        IssueCode::Format,
        IssueCode::Pattern,
        IssueCode::Enum,
        IssueCode::MinLength,
        IssueCode::MaxLength,
        IssueCode::Minimum,
        IssueCode::UnknownField,
        IssueCode::Conflict,
        IssueCode::MissingOneOf,
        IssueCode::Requires,
        IssueCode::Combination,
        IssueCode::Order,
        IssueCode::Past,
    ];

    /// The code named `text` ([`IssueCode::as_str`]), for issues read back from JS.
    pub fn parse(text: &str) -> Option<IssueCode> {
        IssueCode::ALL.into_iter().find(|code| code.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Type => "type",
            IssueCode::Format => "format",
            IssueCode::Pattern => "pattern",
            IssueCode::Enum => "enum",
            IssueCode::MinLength => "min_length",
            IssueCode::MaxLength => "max_length",
            IssueCode::Minimum => "minimum",
            IssueCode::UnknownField => "unknown_field",
            IssueCode::Conflict => "conflict",
            IssueCode::MissingOneOf => "missing_one_of",
            IssueCode::Requires => "requires",
            IssueCode::Combination => "combination",
            IssueCode::Order => "order",
            IssueCode::Past => "past",
        }
    }
}

/// A problem with one parameter: `path` names it (`code`, `visionline_metadata.card_format`,
/// `allowed_acs_entrance_ids[2]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationIssue {
    pub path: String,
    pub code: IssueCode,
    pub message: String,
}

impl fmt::Display for ValidationIssue {
    /// The message alone: every message already names its parameter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::IssueCode;

    #[test]
    fn every_code_is_read_back_from_its_name_and_no_other_name_is_a_code() {
        for code in IssueCode::ALL {
            assert_eq!(IssueCode::parse(code.as_str()), Some(code));
        }
        let names: alloc::collections::BTreeSet<&str> = IssueCode::ALL.iter().map(|code| code.as_str()).collect();
        assert_eq!(names.len(), IssueCode::ALL.len(), "names are distinct");
        for other in ["", "Required", "unknown", "min-length"] {
            assert_eq!(IssueCode::parse(other), None, "{other}");
        }
    }
}
