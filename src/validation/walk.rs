//! One pass over a document's typed records: the texts that are empty and
//! the source references that name no source document.
//!
//! Every record type says which of its fields can hold a string ([`Walk`]);
//! the walk visits those and nothing else, keeping only the path to where
//! it is. A JSON Pointer is built only for a value that is reported, so a
//! valid document costs no allocation per node.
//!
//! What is looked at is what the document would hold as a JSON string
//! written by the crate itself, outside `extensions`: free text (`String`,
//! each language of a [`Text`](crate::Text)) and the checked string types
//! (ids, URLs, e-mail addresses, business ids). Code-list values, dates,
//! numbers and amounts in euros are skipped: none of them can be blank. A test walks the same
//! documents with a `serde::Serializer` over everything the crate writes
//! (`oracle.rs`), and both must visit the same strings in the same order.
//!
//! Each record's impl lists its fields by destructuring the record, so a
//! field added to a record that the walk does not know fails to compile.

use foldhash::HashSet;

use crate::{
    AchievementRating, Assessment, AssessmentSource, Award, AwardResult, BudgetRelation, BusinessId, Collaboration,
    CollaborativeArea, Contact, Contribution, Count, County, DatedCount, Email, Euros, Event, EventKind, EventScope,
    EventStatus, Exactness, Factor, FactorEffect, FactorKind, Funding, FundingKind, FundingPart, Id, Implementer,
    ImplementerRole, Judgement, Language, Lesson, Link, Measure, MeasureKind, Milestone, MilestoneKind, Money,
    Objective, ObjectiveLevel, OrganisationKind, Output, OutputKind, OutputStatus, PartialDate, Participation, Percent,
    Period, PossibleOverlap, Programme, ProgrammeDocumentType, ProgrammeProject, Project, ProjectDocumentType,
    ProjectStatus, Publication, Recommendation, RecordDates, RegionalPart, SchemaVersion, ServiceSector,
    SourceDocument, SourceKind, SourceRef, StaffingEntry, Text, Theme, Url, WorkPackage, WorkPackageNumber,
    WorkingArea,
};
use crate::{
    AlternativeStatement, CollaborationStatus, FundingRule, ParticipantGroup, ParticipantGroupKind, ParticipantRole,
    ProgrammeActivity, ProgrammeAim, ProjectRelation, RegionalPartKind, RelationKind, SharedOutput,
};

#[cfg(test)]
mod oracle;

/// One step of the path from the document's root; `Copy`, so that a step
/// costs no allocation or drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

/// What one pass found, as JSON Pointers in document order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    /// Strings that are empty or only white space, outside `extensions`.
    pub(crate) empty_texts: Vec<String>,
    /// `sources[].document` values not among the known source documents:
    /// the pointer and the value.
    pub(crate) unknown_sources: Vec<(String, String)>,
}

/// Walks `document`; `known` are the ids of its source documents.
///
/// The first pass keeps no path and only notes whether anything is amiss;
/// only then does a second pass, keeping the path, say where. A valid
/// document, the usual case, is walked once, with no step of a path.
pub(crate) fn walk<T: Walk + ?Sized>(document: &T, known: &HashSet<&str>) -> Found {
    let mut walker = Walker::new(Some(known), false);
    document.walk(&mut walker);
    if !walker.amiss {
        return walker.found;
    }
    let mut walker = Walker::new(Some(known), true);
    document.walk(&mut walker);
    walker.found
}

/// Walks entry `at` of a programme's `projects` for empty texts only: its
/// source references are left to the caller, as the programme's source
/// documents may come after its projects.
pub(crate) fn walk_listed(project: &ProgrammeProject, at: usize) -> Vec<String> {
    let mut walker = Walker::new(None, false);
    project.walk(&mut walker);
    if !walker.amiss {
        return walker.found.empty_texts;
    }
    let mut walker = Walker::new(None, true);
    walker.path.extend([Segment::Field("projects"), Segment::Index(at)]);
    project.walk(&mut walker);
    walker.found.empty_texts
}

/// Walks a programme whose `projects` were walked apart (see
/// [`walk_listed`]): `projects` adds what they hold, at their place in the
/// document.
pub(crate) fn walk_programme(programme: &Programme, known: &HashSet<&str>, projects: impl FnOnce(&mut Found)) -> Found {
    // One programme in a corpus: walked once, keeping the path.
    let mut walker = Walker::new(Some(known), true);
    programme.walk_around_projects(&mut walker, |walker| projects(&mut walker.found));
    walker.found
}

/// Where the walk is and what it found.
pub(crate) struct Walker<'k> {
    /// Whether `path` is kept and findings are written down; if not, a
    /// finding only sets `amiss`.
    track: bool,
    amiss: bool,
    path: Vec<Segment>,
    /// The ids of the source documents; `None` when source references are
    /// not looked up.
    known: Option<&'k HashSet<&'k str>>,
    found: Found,
    /// Every string looked at, as a pointer: for the test against the
    /// oracle.
    #[cfg(test)]
    visited: Vec<String>,
}

impl<'k> Walker<'k> {
    fn new(known: Option<&'k HashSet<&'k str>>, track: bool) -> Self {
        Walker {
            track,
            amiss: false,
            path: Vec::with_capacity(if track { 8 } else { 0 }),
            known,
            found: Found::default(),
            #[cfg(test)]
            visited: Vec::new(),
        }
    }

    fn pointer(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for &segment in &self.path {
            // Field names are Rust identifiers: nothing to escape.
            let _ = match segment {
                Segment::Field(name) => write!(out, "/{name}"),
                Segment::Index(i) => write!(out, "/{i}"),
            };
        }
        out
    }

    /// Walks the field `name` of the record walked, if its type can hold a
    /// string.
    fn field<T: Walk + ?Sized>(&mut self, name: &'static str, value: &T) {
        if T::HAS_STRINGS {
            if self.track {
                self.path.push(Segment::Field(name));
                value.walk(self);
                self.path.pop();
            } else {
                value.walk(self);
            }
        }
    }

    /// Looks at one string.
    fn string(&mut self, value: &str) {
        #[cfg(test)]
        if self.track {
            self.visited.push(self.pointer());
        }
        if value.chars().all(char::is_whitespace) {
            self.amiss = true;
            if self.track {
                let pointer = self.pointer();
                self.found.empty_texts.push(pointer);
            }
        }
    }

    /// Looks at a `sources[].document`: a string that must name one of the
    /// known source documents.
    fn source_document(&mut self, value: &str) {
        self.string(value);
        if self.known.is_some_and(|known| !known.contains(value)) {
            self.amiss = true;
            if self.track {
                let pointer = self.pointer();
                self.found.unknown_sources.push((pointer, value.to_owned()));
            }
        }
    }
}

/// A type the walk knows: how to visit the strings a value of it holds.
pub(crate) trait Walk {
    /// Whether a value of this type can hold a string at all; a field of a
    /// type that cannot is skipped without a step on the path.
    const HAS_STRINGS: bool = true;

    /// Visits the strings in `self`, in the order they are written.
    fn walk(&self, walker: &mut Walker<'_>);
}

impl<T: Walk> Walk for Vec<T> {
    const HAS_STRINGS: bool = T::HAS_STRINGS;

    fn walk(&self, walker: &mut Walker<'_>) {
        if !walker.track {
            self.iter().for_each(|item| item.walk(walker));
            return;
        }
        for (i, item) in self.iter().enumerate() {
            walker.path.push(Segment::Index(i));
            item.walk(walker);
            walker.path.pop();
        }
    }
}

impl<T: Walk> Walk for Option<T> {
    const HAS_STRINGS: bool = T::HAS_STRINGS;

    fn walk(&self, walker: &mut Walker<'_>) {
        if let Some(value) = self {
            value.walk(walker);
        }
    }
}

impl Walk for String {
    fn walk(&self, walker: &mut Walker<'_>) {
        walker.string(self);
    }
}

/// The checked string types: looked at as any string.
macro_rules! strings {
    ($($ty:ty),* $(,)?) => {$(
        impl Walk for $ty {
            fn walk(&self, walker: &mut Walker<'_>) {
                walker.string(self.as_str());
            }
        }
    )*};
}

strings!(Id, Url, Email, BusinessId);

impl Walk for Text {
    fn walk(&self, walker: &mut Walker<'_>) {
        for (language, name) in [(Language::Fi, "fi"), (Language::Sv, "sv"), (Language::En, "en")] {
            if let Some(text) = self.get(language) {
                walker.path.push(Segment::Field(name));
                walker.string(text);
                walker.path.pop();
            }
        }
    }
}

impl Walk for SourceRef {
    fn walk(&self, walker: &mut Walker<'_>) {
        let SourceRef { document, section } = self;
        walker.path.push(Segment::Field("document"));
        walker.source_document(document.as_str());
        walker.path.pop();
        walker.field("section", section);
    }
}

/// Types that hold no string the walk looks at: code-list values, numbers,
/// dates, and `extensions` (the only maps in the model), which the rules
/// leave alone.
macro_rules! no_strings {
    ($($ty:ty),* $(,)?) => {$(
        impl Walk for $ty {
            const HAS_STRINGS: bool = false;

            fn walk(&self, _: &mut Walker<'_>) {}
        }
    )*};
}

no_strings!(
    bool,
    u32,
    u64,
    chrono::NaiveDate,
    std::collections::BTreeMap<String, serde_json::Value>,
    PartialDate,
    Euros,
    Percent,
    Exactness,
    SchemaVersion,
    WorkPackageNumber,
    ProjectDocumentType,
    ProgrammeDocumentType,
    AchievementRating,
    AssessmentSource,
    AwardResult,
    BudgetRelation,
    CollaborativeArea,
    Contribution,
    County,
    EventKind,
    EventScope,
    EventStatus,
    FactorEffect,
    FactorKind,
    FundingKind,
    ImplementerRole,
    Language,
    MeasureKind,
    MilestoneKind,
    ObjectiveLevel,
    OrganisationKind,
    OutputKind,
    OutputStatus,
    ProjectStatus,
    ServiceSector,
    SourceKind,
    Theme,
    ParticipantGroupKind,
    ParticipantRole,
    RelationKind,
    CollaborationStatus,
    RegionalPartKind,
);

impl Programme {
    /// Walks the fields before `projects`, then `projects` (by the
    /// caller), then the fields after it.
    fn walk_around_projects(&self, walker: &mut Walker<'_>, projects: impl FnOnce(&mut Walker<'_>)) {
        let Programme {
            document_type,
            schema_version,
            id,
            name,
            description,
            funder,
            part_of,
            start,
            period,
            aims,
            contents,
            funding_rule,
            activities,
            total_funding,
            announced,
            shared_themes,
            projects: _,
            notes,
            alternatives,
            source_documents,
            sources,
            extensions,
        } = self;
        walker.field("document_type", document_type);
        walker.field("schema_version", schema_version);
        walker.field("id", id);
        walker.field("name", name);
        walker.field("description", description);
        walker.field("funder", funder);
        walker.field("part_of", part_of);
        walker.field("start", start);
        walker.field("period", period);
        walker.field("aims", aims);
        walker.field("contents", contents);
        walker.field("funding_rule", funding_rule);
        walker.field("activities", activities);
        walker.field("total_funding", total_funding);
        walker.field("announced", announced);
        walker.field("shared_themes", shared_themes);
        projects(walker);
        walker.field("notes", notes);
        walker.field("alternatives", alternatives);
        walker.field("source_documents", source_documents);
        walker.field("sources", sources);
        walker.field("extensions", extensions);
    }
}

impl Walk for Programme {
    fn walk(&self, walker: &mut Walker<'_>) {
        self.walk_around_projects(walker, |walker| walker.field("projects", &self.projects));
    }
}

/// Records: every field, in the order written (the order declared). The
/// fields are destructured, so that the list must name all of them.
macro_rules! records {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Walk for $ty {
            fn walk(&self, walker: &mut Walker<'_>) {
                let $ty { $($field),* } = self;
                $( walker.field(stringify!($field), $field); )*
            }
        }
    )*};
}

records! {
    Judgement { objective, rating, statement, evidence, note }
    Assessment {
        id, source, method, period, occasions, participation, participants, conclusion, findings, judgements, note,
        sources, extensions,
    }
    Factor { id, kind, effect, description, assessment, sources }
    Lesson { id, statement, assessment, regional_part, sources }
    Recommendation { id, statement, addressed_to, assessment, regional_part, sources }
    Count { value, exactness }
    Participation { attendances, distinct_people }
    DatedCount { value, date, note }
    Period { start, end }
    PossibleOverlap { with, note }
    Event {
        id, kinds, title, description, themes, audiences, sectors, scope, counties, period, sessions, status,
        status_note, participation, participant_groups, parts_complete, part_of, possible_overlaps, facilitators,
        work_packages, objectives, regional_part, note, alternatives, sources, extensions,
    }
    ParticipantGroup { kind, sector, role, description, attendances, distinct_people, note, sources }
    ProjectRelation { project, kind, note, sources }
    AlternativeStatement { field, statement, kept, sources }
    SharedOutput { id, projects }
    ProgrammeAim { id, statement, sources }
    FundingRule { state_grant_share, self_financing_share, note, sources }
    ProgrammeActivity { id, description, period, carried_out_by, note, sources }
    Funding { funder, total, parts, parts_complete, note, sources }
    FundingPart { kind, share, amount, paid_by, note }
    Measure {
        id, kind, description, value, unit, target, baseline, date, counties, part_of, possible_overlaps,
        work_packages, objectives, note, sources, extensions,
    }
    Milestone { kind, date, expected, counties, note, sources }
    Money { euros, exactness }
    Objective {
        id, level, number, parent, statement, target_groups, work_packages, themes, programme_aims, note, alternatives,
        sources, extensions,
    }
    Implementer {
        id, name, short_name, other_names, kind, roles, contributions, business_id, parent, counties, note, sources,
        extensions,
    }
    StaffingEntry {
        implementer, role, person, posts, posts_description, share_of_full_time, additional, period, note, sources,
    }
    Contact { name, title, organisation, organisation_name, email, period, sources }
    Award { name, awarded_by, date, result, note, sources }
    Publication { id, title, editors, series, publisher, place, date, pages, url }
    Output {
        id, kind, title, description, count, status, authors, publication, date, adopted_on, awards, target,
        baseline, links, counties, made_with, makers, funders, sectors, used_in, place, regions, record_dates, shared,
        parts_complete, part_of, possible_overlaps, work_packages, objectives, regional_part, note, alternatives,
        sources, extensions,
    }
    ProgrammeProject {
        id, name, official_name, acronym, collaborative_area, counties, administrator, coordinator, document, note,
        sources,
    }
    WorkingArea { counties, stated_county_count, municipalities, note }
    RecordDates { created, last_modified }
    Collaboration { partner, description, counties, status, sources }
    Project {
        document_type, schema_version, id, name, official_name, acronym, programme, short_description, purpose,
        background, status, period, actual_period, milestones, collaborative_area, working_area,
        cross_cutting_themes, sectors, languages, target_groups, implementers, funding, staffing, contacts,
        record_dates, work_packages, objectives, events, outputs, measures, assessments, factors, lessons,
        recommendations, regional_parts, collaborations, related_projects, links, notes, alternatives,
        source_documents, sources, extensions,
    }
    RegionalPart {
        id, name, kind, sectors, themes, counties, municipalities, period, implementer, implementers, funding, budget_relation, goal, means,
        planned, done, learned, work_packages, objectives, note, sources, extensions,
    }
    SourceDocument { id, title, kind, file, url, language, date, note }
    Link { url, title }
    WorkPackage { id, number, title, description, actions, themes, sectors, counties, note, sources, extensions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use crate::corpus::Generator;

    /// The seeds and generated documents, some with rule violations.
    fn documents() -> Vec<Document> {
        let mut documents: Vec<Document> =
            crate::load::load(&["data/"]).expect("the seeds are readable").into_documents();
        let generator = Generator::new(7);
        for index in 0..4 {
            documents.push(generator.document(index));
            documents.push(generator.inject(index + 10, 12).0.into());
        }
        documents.push(generator.programme(4).into());
        documents
    }

    fn both(document: &Document) -> ((Found, Vec<String>), (Found, Vec<String>)) {
        let known: HashSet<&str> = match document {
            Document::Project(p) => p.source_documents.iter().map(|d| d.id.as_str()).collect(),
            Document::Programme(p) => p.source_documents.iter().map(|d| d.id.as_str()).collect(),
        };
        let mut walker = Walker::new(Some(&known), true);
        match document {
            Document::Project(p) => p.walk(&mut walker),
            Document::Programme(p) => p.walk(&mut walker),
        }
        let typed = (walker.found, walker.visited);
        let (oracle_found, mut oracle_visited) = oracle::walk(document, &known);
        // An amount in euros is written as a string of digits: never
        // blank, so the typed walk skips it as it skips numbers.
        oracle_visited.retain(|pointer| !pointer.ends_with("/euros"));
        (typed, (oracle_found, oracle_visited))
    }

    #[test]
    fn looks_at_the_same_strings_as_a_walk_over_everything_written() {
        let documents = documents();
        assert!(documents.len() >= 12, "{} documents", documents.len());
        for document in &documents {
            let ((found, visited), (oracle_found, oracle_visited)) = both(document);
            assert!(!visited.is_empty());
            assert_eq!(visited, oracle_visited, "strings looked at in {}", document.id());
            assert_eq!(found, oracle_found, "findings in {}", document.id());
        }
    }

    #[test]
    fn a_first_pass_without_a_path_finds_what_the_walk_with_it_finds() {
        let mut documents = documents();
        let generator = Generator::new(3);
        for index in 0..3 {
            let mut project = generator.project(index);
            match index {
                0 => project.name = Text::fi(" "),
                1 => project.events[0].sources.push(SourceRef::new(Id::new("no-such-source").unwrap())),
                _ => project.outputs.last_mut().unwrap().title = Some(Text::fi("")),
            }
            documents.push(project.into());
        }
        let mut amiss = 0;
        for document in &documents {
            let ((tracked, _), _) = both(document);
            amiss += usize::from(tracked != Found::default());
            let Document::Project(project) = document else { continue };
            let known: HashSet<&str> = project.source_documents.iter().map(|d| d.id.as_str()).collect();
            assert_eq!(walk(&**project, &known), tracked, "{}", document.id());
        }
        assert_eq!(amiss, 3, "documents with findings");
        // A listed project: each blank text found, with its place.
        let mut listed = ProgrammeProject::new(
            Id::new("p1").unwrap(),
            Text::fi("Hanke"),
            CollaborativeArea::EasternFinland,
            Text::fi("Itä"),
        );
        assert_eq!(walk_listed(&listed, 3), Vec::<String>::new());
        listed.name = Text::fi(" ");
        assert_eq!(walk_listed(&listed, 3), ["/projects/3/name/fi"]);
    }

    #[test]
    fn finds_blank_texts_and_unknown_sources_where_the_oracle_does() {
        let mut project = Generator::new(3).project(0);
        project.name = Text::fi(" \t");
        project.acronym = Some(String::new());
        let event = &mut project.events[0];
        event.note = Some(Text::from_parts(Some("huom".into()), None, Some("\n".into())).unwrap());
        let unknown = Id::new("no-such-source").unwrap();
        event.sources.push(SourceRef::new(unknown.clone()));
        let pointer = format!("/events/0/sources/{}/document", event.sources.len() - 1);
        let document = Document::from(project);
        let ((found, _), (oracle_found, _)) = both(&document);
        assert_eq!(found.empty_texts, ["/name/fi", "/acronym", "/events/0/note/en"]);
        assert_eq!(found.unknown_sources, [(pointer, unknown.to_string())]);
        assert_eq!(found, oracle_found);
    }
}
