//! The macro behind every closed code list (counties, roles, event kinds …)
//! and the error for a code that is not on its list.

/// A code that is not on its code list, with the nearest valid code when the
/// given one looks like a typo.
///
/// ```
/// use childwelfare::EventKind;
///
/// let err = "webinaari".parse::<EventKind>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown event kind `webinaari`; did you mean `webinar`?");
/// assert_eq!(err.suggestion(), Some("webinar"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {list} `{code}`{}", suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownCode {
    list: &'static str,
    code: String,
    suggestion: Option<&'static str>,
}

impl UnknownCode {
    pub(crate) fn new(list: &'static str, code: &str, codes: &[&'static str]) -> Self {
        UnknownCode { list, code: code.to_owned(), suggestion: crate::value::nearest(code, codes.iter().copied()) }
    }

    /// The name of the code list, for example `event kind`.
    pub fn list(&self) -> &'static str {
        self.list
    }

    /// The code as given.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The nearest valid code, if one is close.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

/// Defines a closed code list: a `#[non_exhaustive]` enum whose JSON form is
/// a snake_case code, with labels in Finnish, Swedish and English.
macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($list:literal) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal { fi: $fi:literal, sv: $sv:literal, en: $en:literal }
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value of this code list, in the order of declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The machine-readable code, as written in JSON.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The human-readable label in `language`.
            pub const fn label(self, language: $crate::Language) -> &'static str {
                match language {
                    $crate::Language::Fi => match self { $($name::$variant => $fi,)+ },
                    $crate::Language::Sv => match self { $($name::$variant => $sv,)+ },
                    $crate::Language::En => match self { $($name::$variant => $en,)+ },
                }
            }

            /// Looks a value up by its code.
            ///
            /// # Errors
            /// Returns [`UnknownCode`](crate::UnknownCode), with the nearest
            /// valid code when the given one looks like a typo.
            pub fn from_code(code: &str) -> Result<Self, $crate::UnknownCode> {
                match code {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::UnknownCode::new($list, code, &[$($code),+])),
                }
            }
        }

        impl std::fmt::Display for $name {
            /// Writes the code; use [`label`](Self::label) for a human-readable name.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownCode;
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                $name::from_code(code)
            }
        }
    };
}

pub(crate) use code_list;
