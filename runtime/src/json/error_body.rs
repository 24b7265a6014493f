//! The fields of a restJson1 error response body that identify the error.

use super::{JsonError, JsonReader, ValueKind};

/// What an error response body says about the error, as far as it could
/// be read.
///
/// restJson1 services name the error in the `X-Amzn-Errortype` header, a
/// `__type` member or a `code` member, and put the human-readable text in
/// `message`, `Message` or `errorMessage` depending on the service. The
/// caller combines these with the headers to pick the error shape.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBodyFields {
    /// The `__type` member, such as `"ResourceNotFoundException"` or
    /// `"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/"`,
    /// exactly as sent.
    pub type_field: Option<String>,
    /// The `code` member, exactly as sent.
    pub code: Option<String>,
    /// The `message` member, else `Message`, else `errorMessage`, whatever
    /// their order in the body (botocore reads `message`, then `Message`;
    /// smithy-rs also `errorMessage`).
    pub message: Option<String>,
}

/// Reads the error-identifying members of a top-level JSON object.
///
/// Lenient by design: the body of an error may be anything (an HTML page
/// from a proxy, a truncated response), and a failure to read it must not
/// hide the HTTP status. So this never fails: whatever was found before a
/// problem is returned, and an empty, non-JSON or non-object body gives
/// all `None`. Only string values count; for each member name the first
/// string value wins.
///
/// ```
/// use awsgen_runtime::__private::json::error_body_fields;
///
/// let fields = error_body_fields(br#"{"__type": "NotFound", "Message": "no such thing"}"#);
/// assert_eq!(fields.type_field.as_deref(), Some("NotFound"));
/// assert_eq!(fields.message.as_deref(), Some("no such thing"));
/// assert_eq!(error_body_fields(b"<html>").message, None);
/// ```
pub fn error_body_fields(body: &[u8]) -> ErrorBodyFields {
    let mut found = Found::default();
    // The error only says where reading stopped; what was found is kept.
    let _ = read_fields(&mut JsonReader::new(body), &mut found);
    let [message, upper_message, error_message] = found.messages;
    ErrorBodyFields {
        type_field: found.type_field,
        code: found.code,
        message: message.or(upper_message).or(error_message),
    }
}

/// The members as read, the three message spellings apart until their
/// precedence is applied.
#[derive(Default)]
struct Found {
    type_field: Option<String>,
    code: Option<String>,
    /// `message`, `Message`, `errorMessage`.
    messages: [Option<String>; 3],
}

fn read_fields(r: &mut JsonReader<'_>, fields: &mut Found) -> Result<(), JsonError> {
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        let [message, upper_message, error_message] = &mut fields.messages;
        let slot = match &*key {
            "__type" => &mut fields.type_field,
            "code" => &mut fields.code,
            "message" => message,
            "Message" => upper_message,
            "errorMessage" => error_message,
            _ => {
                r.skip_value()?;
                continue;
            }
        };
        if slot.is_none() && r.peek()? == ValueKind::String {
            *slot = Some(r.string()?.into_owned());
        } else {
            r.skip_value()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(
        type_field: Option<&str>,
        code: Option<&str>,
        message: Option<&str>,
    ) -> ErrorBodyFields {
        ErrorBodyFields {
            type_field: type_field.map(str::to_owned),
            code: code.map(str::to_owned),
            message: message.map(str::to_owned),
        }
    }

    #[test]
    fn picks_the_fields() {
        let body = br#"{"extra": {"nested": [1, {"message": "not this"}]},
            "__type": "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/",
            "code": "FooError", "Message": "second", "message": "first", "errorMessage": "third"}"#;
        assert_eq!(
            error_body_fields(body),
            fields(
                Some("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/"),
                Some("FooError"),
                Some("first")
            )
        );
        assert_eq!(
            error_body_fields(br#"{"errorMessage": "e\u0021"}"#),
            fields(None, None, Some("e!"))
        );
    }

    /// botocore's precedence, `message` over `Message`, and smithy-rs's
    /// `errorMessage` last, by member name rather than by position.
    #[test]
    fn message_spellings_in_order_of_precedence() {
        for (body, expected) in [
            (
                &br#"{"errorMessage": "c", "Message": "b", "message": "a"}"#[..],
                "a",
            ),
            (
                br#"{"message": "a", "Message": "b", "errorMessage": "c"}"#,
                "a",
            ),
            (br#"{"errorMessage": "c", "Message": "b"}"#, "b"),
            (br#"{"Message": "b", "errorMessage": "c"}"#, "b"),
            (br#"{"errorMessage": "c"}"#, "c"),
            (br#"{"message": 1, "Message": "b"}"#, "b"),
            (br#"{"message": "a", "message": "later"}"#, "a"),
        ] {
            assert_eq!(
                error_body_fields(body).message.as_deref(),
                Some(expected),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        // Other spellings are not messages.
        assert_eq!(
            error_body_fields(br#"{"MESSAGE": "x", "ErrorMessage": "y", "msg": "z"}"#).message,
            None
        );
    }

    #[test]
    fn only_string_values_count() {
        let body = br#"{"message": null, "Message": 5, "errorMessage": {"a": 1}, "__type": ["x"], "code": true, "message": "text"}"#;
        assert_eq!(error_body_fields(body), fields(None, None, Some("text")));
    }

    #[test]
    fn malformed_bodies_give_what_was_found() {
        for body in [
            &b""[..],
            b"   ",
            b"<html><body>Bad Gateway</body></html>",
            b"null",
            b"[\"message\", \"x\"]",
            b"\"message\"",
            b"{",
            b"{\"message\"",
            b"{\"message\":",
            b"{\"message\": \"unterminated",
            b"\xff\xfe",
        ] {
            assert_eq!(
                error_body_fields(body),
                ErrorBodyFields::default(),
                "{body:?}"
            );
        }
        assert_eq!(
            error_body_fields(br#"{"__type": "Boom", "message": tru, "code": "C"}"#),
            fields(Some("Boom"), None, None)
        );
        assert_eq!(
            error_body_fields(br#"{"code": "C", "message": "m"} trailing garbage"#),
            fields(None, Some("C"), Some("m"))
        );
        assert_eq!(
            error_body_fields(b"{\"code\": \"C\", \"message\": \"\xff\"}"),
            fields(None, Some("C"), None)
        );
    }
}
