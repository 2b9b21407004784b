//! How an endpoint's parameters are described: as data the validator walks.

/// The longest free-text parameter sent: far above any real name, key or search, and low
/// enough that a runaway value (a file read by mistake) is refused before it is sent.
pub const MAX_TEXT_LENGTH: usize = 10_000;

/// What a parameter's value must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A hyphenated UUID (`3c90c3cc-0d44-4b50-8888-8dd25736052a`).
    Uuid,
    /// An RFC 3339 date-time (`2030-01-02T03:04:05Z`).
    DateTime,
    /// A string of ASCII digits (`^\d+$`), as PIN codes are.
    Digits,
    /// An email address (`format=email`): one `@` between a non-empty name and a domain
    /// with a dot, no spaces. Looser than RFC 5322 on purpose: it catches a name typed into
    /// the email field, and leaves the fine points to the server.
    Email,
    /// A string of at least `min_len` characters.
    Text {
        min_len: usize,
    },
    Bool,
    /// A whole number of at least 1 (page sizes).
    PositiveInt,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// An array whose items are all of this kind.
    List(&'static Kind),
    /// An object with exactly these properties.
    Object(&'static [Field]),
}

/// One named parameter.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    /// By reference: 16 bytes a parameter rather than 24, and each distinct kind is stored
    /// once for all the parameters of that kind (every `&Kind::Uuid` is one constant).
    pub kind: &'static Kind,
    pub required: bool,
    /// Whether `null` is allowed (the contract's `nullable`).
    pub nullable: bool,
}

impl Field {
    pub const fn optional(name: &'static str, kind: &'static Kind) -> Field {
        Field {
            name,
            kind,
            required: false,
            nullable: false,
        }
    }

    pub const fn required(name: &'static str, kind: &'static Kind) -> Field {
        Field {
            name,
            kind,
            required: true,
            nullable: false,
        }
    }

    pub const fn nullable(name: &'static str, kind: &'static Kind) -> Field {
        Field {
            name,
            kind,
            required: false,
            nullable: true,
        }
    }
}

/// A rule across several top-level parameters, from the contract's descriptions and `oneOf`s.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Exactly one of these must be given.
    ExactlyOneOf(&'static [&'static str]),
    /// At least one of these must be given (an update that changes nothing is a mistake).
    /// Reported at path `""`: no single field is the one to fix.
    AtLeastOneOf(&'static [&'static str]),
    /// When `field` is given, `needs` must be given too.
    Requires { field: &'static str, needs: &'static str },
    /// Of the `among` parameters, only these sets may be given together.
    AllowedCombinations {
        among: &'static [&'static str],
        allowed: &'static [&'static [&'static str]],
    },
    /// `later` must be a later date-time than `earlier` when both are given.
    After { later: &'static str, earlier: &'static str },
    /// This date-time must be in the future.
    InFuture(&'static str),
}
