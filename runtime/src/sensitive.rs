//! Hiding sensitive members from `Debug` output.
//!
//! Members marked `@sensitive` in the model (passwords, private keys,
//! tokens) must never reach logs. Generated `Debug` impls print a fixed
//! marker in their place instead of the value.

use std::fmt;

/// What `Debug` output shows instead of a sensitive value; one constant so
/// that every redaction looks the same and can be searched for.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A stand-in whose `Debug` prints [`REDACTED`], so generated `Debug` impls
/// can write `.field("password", &awsgen_runtime::__private::Redacted)`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Login {
        user: &'static str,
    }

    impl fmt::Debug for Login {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("Login")
                .field("user", &self.user)
                .field("password", &Redacted)
                .finish()
        }
    }

    #[test]
    fn debug_prints_the_marker() {
        assert_eq!(format!("{Redacted:?}"), REDACTED);
        assert_eq!(
            format!("{:?}", Login { user: "me" }),
            r#"Login { user: "me", password: *** Sensitive Data Redacted *** }"#
        );
        assert_eq!(
            format!("{:#?}", Login { user: "me" }),
            "Login {\n    user: \"me\",\n    password: *** Sensitive Data Redacted ***,\n}"
        );
    }
}
