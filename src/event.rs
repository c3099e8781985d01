//! Activities and events (trainings, webinars, workshops …) with the
//! participation they reached, and how reported figures nest.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{
    AlternativeStatement, Count, County, Id, ParticipantGroup, Participation, Period, ServiceSector, SourceRef, Text,
    Theme,
};

code_list! {
    /// What kind of event.
    pub enum EventKind ("event kind") {
        /// A training (*koulutus*).
        Training = "training" { fi: "koulutus", sv: "utbildning", en: "training" },
        /// Coaching (*valmennus*).
        Coaching = "coaching" { fi: "valmennus", sv: "coachning", en: "coaching" },
        /// A webinar (*webinaari*).
        Webinar = "webinar" { fi: "webinaari", sv: "webbinarium", en: "webinar" },
        /// A workshop (*työpaja*).
        Workshop = "workshop" { fi: "työpaja", sv: "workshop", en: "workshop" },
        /// An info session (*infotilaisuus*).
        InfoSession = "info_session" { fi: "infotilaisuus", sv: "informationstillfälle", en: "info session" },
        /// A seminar (*seminaari*).
        Seminar = "seminar" { fi: "seminaari", sv: "seminarium", en: "seminar" },
        /// A forum (*foorumi*).
        Forum = "forum" { fi: "foorumi", sv: "forum", en: "forum" },
        /// Meetings of a group (*ryhmätapaaminen*), such as a parent group.
        GroupMeeting = "group_meeting" { fi: "ryhmätapaaminen", sv: "gruppträff", en: "group meeting" },
        /// A working meeting of a development group or network.
        DevelopmentGroup = "development_group" { fi: "kehittäjäryhmä", sv: "utvecklingsgrupp", en: "development group" },
        /// A visit (to a team, a unit, an institution).
        Visit = "visit" { fi: "vierailu", sv: "besök", en: "visit" },
        /// Consultation or coaching of a team.
        Consultation = "consultation" { fi: "konsultaatio", sv: "konsultation", en: "consultation" },
        /// A pilot with clients.
        Pilot = "pilot" { fi: "pilotti", sv: "pilot", en: "pilot" },
        /// Any other kind.
        Other = "other" { fi: "muu tilaisuus", sv: "annat evenemang", en: "other event" },
    }
}

code_list! {
    /// Whether an event took place.
    pub enum EventStatus ("event status") {
        /// Planned, not (yet) held.
        Planned = "planned" { fi: "suunniteltu", sv: "planerad", en: "planned" },
        /// Held.
        Held = "held" { fi: "toteutunut", sv: "genomförd", en: "held" },
        /// Cancelled (for example for lack of participants).
        Cancelled = "cancelled" { fi: "peruttu", sv: "inställd", en: "cancelled" },
    }
}

// The enum is defined by `code_list!`, which cannot mark a default variant.
#[allow(clippy::derivable_impls)]
impl Default for EventStatus {
    fn default() -> Self {
        EventStatus::Held
    }
}

impl EventStatus {
    fn is_held(&self) -> bool {
        *self == EventStatus::Held
    }
}

code_list! {
    /// Whom an event was arranged for, geographically.
    pub enum EventScope ("event scope") {
        /// The whole collaborative area (*koko YTA*).
        CollaborativeArea = "collaborative_area" { fi: "koko yhteistyöalue", sv: "hela samarbetsområdet", en: "whole collaborative area" },
        /// One county or region (*alueellinen*).
        Regional = "regional" { fi: "alueellinen", sv: "regional", en: "regional" },
        /// Local, for a narrower audience (*paikallinen*).
        Local = "local" { fi: "paikallinen", sv: "lokal", en: "local" },
        /// National.
        National = "national" { fi: "valtakunnallinen", sv: "nationell", en: "national" },
    }
}

/// A possible overlap between two figures that the source leaves open: the
/// participants of one may or may not be counted in the other.
///
/// [Aggregation](crate::aggregate) does not guess: a total over figures
/// that may overlap is a [`Total`](crate::Total) range, from the sum without
/// the smaller figure to the full sum, and its derivation names the overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PossibleOverlap {
    /// The other record (an event or a measure).
    pub with: Id,
    /// Why the overlap is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl PossibleOverlap {
    /// A possible overlap with its required fields `with`; every other field is empty or at its default.
    pub fn new(with: Id) -> Self {
        PossibleOverlap { with, note: None }
    }
}

/// An event, or a set of events reported together with one figure.
///
/// Figures nest: an event `part_of` another is counted inside the other's
/// figure (the two webinars with 21 and 12 participants are among the events
/// behind 192), and a reported total keeps its own figure beside its parts
/// so that validation can compare them.
///
/// ```
/// use childwelfare::{Count, Event, EventStatus};
///
/// let webinar: Event = serde_json::from_str(r#"{
///     "id": "lumo-ev-webinar-1",
///     "kinds": ["webinar"],
///     "participation": {"attendances": {"value": 21}},
///     "part_of": "lumo-ev-participation-theme"
/// }"#).unwrap();
/// assert_eq!(webinar.status, EventStatus::Held);
/// assert_eq!(webinar.participation.unwrap().attendances, Some(Count::exact(21)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Event {
    /// Identifier.
    pub id: Id,
    /// The kinds of event; several for a set of events of different kinds.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<EventKind>,
    /// The event's title or the name of the series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// What happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Themes.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// Whom it was for, as the source says.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<Text>,
    /// Service sectors in the audience.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<ServiceSector>,
    /// Geographical scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<EventScope>,
    /// Counties where it was held or whom it served.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// How many events or meetings were held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Count>,
    /// Whether it took place; `held` when absent.
    #[schemars(extend("default" = "held"))]
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "EventStatus::is_held")]
    pub status: EventStatus,
    /// Why it was cancelled, or other remarks on the status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_note: Option<Text>,
    /// Whom it reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participation: Option<Participation>,
    /// Who took part, by group (children and young people, parents,
    /// professionals of a sector, experts by experience …), each with a
    /// figure where the source gives one; the groups need not cover every
    /// participant, and their figures never add up to more than the
    /// event's (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub participant_groups: Vec<ParticipantGroup>,
    /// Whether the records `part_of` this one make up its whole figure, so
    /// that their sum must equal it (LUMO's 192 + 2 512 + 963 = 3 667). When
    /// `false`, the parts are only some of what the figure counts.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "std::ops::Not::not")]
    pub parts_complete: bool,
    /// The event or set of events whose figure already includes this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Id>,
    /// Figures this one may or may not be included in; the source does not say.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub possible_overlaps: Vec<PossibleOverlap>,
    /// Who ran it: implementers, or people as the source names them.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub facilitators: Vec<Text>,
    /// The work packages it belongs to.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<Id>,
    /// The objectives it served.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Id>,
    /// The regional part it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_part: Option<Id>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Statements of its facts that other sources give differently (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeStatement>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Custom data, kept unchanged on a round trip; a key may not repeat, and
    /// lists and objects nest at most 128 levels deep.
    #[serde(default, deserialize_with = "crate::value::extensions", skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl Event {
    /// An event with its required fields `id`; every other field is empty or at its default.
    pub fn new(id: Id) -> Self {
        Event {
            id,
            kinds: Vec::new(),
            title: None,
            description: None,
            themes: Vec::new(),
            audiences: Vec::new(),
            sectors: Vec::new(),
            scope: None,
            counties: Vec::new(),
            period: None,
            sessions: None,
            status: Default::default(),
            status_note: None,
            participation: None,
            participant_groups: Vec::new(),
            parts_complete: false,
            part_of: None,
            possible_overlaps: Vec::new(),
            facilitators: Vec::new(),
            work_packages: Vec::new(),
            objectives: Vec::new(),
            regional_part: None,
            note: None,
            alternatives: Vec::new(),
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}
