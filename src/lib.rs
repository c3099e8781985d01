//! # childwelfare
//!
//! A typed data model of multi-agency child-welfare development projects,
//! with lossless JSON and JSON Schemas.
//!
//! In 2020–2022 Finland's Ministry of Social Affairs and Health (STM) funded
//! five multi-agency child protection development projects, one for each
//! collaborative area. Their reports tell who took part, what each work
//! package aimed at, how many people each kind of event reached, what was
//! produced, and how well each objective was met. This crate makes those
//! facts data:
//!
//! - a [`Programme`] lists its projects; a [`Project`] holds its
//!   [`Implementer`]s with their [roles](ImplementerRole), [`Funding`] and
//!   [staffing](StaffingEntry), [`WorkPackage`]s, a hierarchy of
//!   [`Objective`]s, [`Event`]s with their [`Participation`], [`Output`]s,
//!   other [`Measure`]s, [`Assessment`]s with a [`Judgement`] per objective,
//!   [`Factor`]s, [`Lesson`]s, [`Recommendation`]s and [`RegionalPart`]s;
//! - figures keep their exactness ([`Count`]: exact, "about", "over"),
//!   distinct people stay apart from attendances, a figure can be declared
//!   part of another (`part_of`) or possibly overlapping it
//!   (`possible_overlaps`), so that nothing is counted twice and an unknown
//!   overlap stays visible;
//! - money is exact to the cent ([`Euros`]), shares are exact
//!   ([`Percent`]), dates are as precise as the source
//!   ([`PartialDate`]: "2020-autumn"), text is in Finnish, Swedish and/or
//!   English ([`Text`]);
//! - closed code lists ([`County`], [`CollaborativeArea`], [`EventKind`],
//!   [`AchievementRating`] …) carry Finnish, Swedish and English labels, and
//!   roles map to IATI organisation roles;
//! - every record that others refer to has a stable [`Id`], and every
//!   record can cite its [sources](SourceRef);
//! - since schema 1.2: who took part in an event, by [`ParticipantGroup`]
//!   (children and young people, parents, professionals of a sector,
//!   experts by experience …), with a figure only where the source gives
//!   one; one artefact of several projects as a [`SharedOutput`], counted
//!   once; typed links between projects ([`ProjectRelation`]); a
//!   programme's aims and [`FundingRule`]; and what another source states
//!   differently as an [`AlternativeStatement`], which never changes a
//!   figure.
//!
//! [`validation`] checks the rules a reviewer would check beyond the JSON
//! shape (references resolve, shares add up, totals equal their parts …) and
//! reports every problem with a stable code and a JSON Pointer. The
//! `childwelfare` command-line tool (the crate `childwelfare-cli`) runs it
//! over files and folders.
//!
//! The crate ships the seed projects as data (`data/` in the package) and
//! JSON Schemas for other languages (`schema/`, or [`schema::json_schema`]).
//!
//! # Guide
//!
//! ## Reading
//!
//! [`Document::from_json`] reads a project or a programme, whichever the
//! file's `document_type` says; [`Project::from_json`] and
//! [`Programme::from_json`] read one kind. The bundled seed documents are in
//! [`data`], reachable from any crate whatever its working directory.
//!
//! ```
//! use childwelfare::{Count, Document, EventKind, Language};
//!
//! let Document::Project(lumo) = Document::from_json(childwelfare::data::LUMO_JSON)? else {
//!     panic!("lumo.json is a project document");
//! };
//! assert_eq!(lumo.work_packages.len(), 2);
//! assert_eq!(lumo.work_packages[1].number.to_string(), "II");
//!
//! // Every webinar, with what it reached:
//! for event in lumo.events.iter().filter(|e| e.kinds.contains(&EventKind::Webinar)) {
//!     let title = event.title.as_ref().map_or("", |t| t.best(Language::Fi));
//!     let reached = event.participation.and_then(|p| p.attendances);
//!     println!("{title}: {reached:?} ({})", event.status.label(Language::En));
//! }
//!
//! // Ids compare with strings; figures keep their exactness.
//! let total = lumo.events.iter().find(|e| e.id == "lumo-ev-yta-all").unwrap();
//! assert_eq!(total.participation.and_then(|p| p.attendances), Some(Count::exact(3667)));
//!
//! // Writing is deterministic and lossless.
//! assert_eq!(Document::from_json(&lumo.to_json())?, Document::Project(lumo));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Building
//!
//! Every record has a constructor that takes its required fields; the
//! optional ones are public fields. Records are `#[non_exhaustive]`, so a
//! field added in a later 1.x version breaks no code written this way.
//!
//! ```
//! use childwelfare::{Event, EventKind, Id, Implementer, ImplementerRole, OrganisationKind};
//! use childwelfare::{Project, ProjectStatus, Text, validation};
//!
//! let mut project = Project::new(Id::new("demo")?, Text::fi("Esimerkkihanke"), ProjectStatus::Ongoing);
//! project.implementers = vec![
//!     Implementer::new(Id::new("socca")?, Text::fi("Socca"), OrganisationKind::CompetenceCentre)
//!         .with_role(ImplementerRole::Administrator),
//!     Implementer::new(Id::new("stm")?, Text::fi("STM"), OrganisationKind::Ministry)
//!         .with_role(ImplementerRole::Funder),
//! ];
//! let mut webinar = Event::new(Id::new("demo-ev-1")?);
//! webinar.kinds = vec![EventKind::Webinar];
//! project.events.push(webinar);
//!
//! assert!(validation::validate_project(&project).diagnostics.is_empty());
//! # Ok::<(), childwelfare::InvalidValue>(())
//! ```
//!
//! A struct literal, which a new field would break, does not compile outside
//! the crate:
//!
//! ```compile_fail,E0639
//! use childwelfare::{Milestone, MilestoneKind, PartialDate};
//!
//! // Every field of today's Milestone, yet refused: the record may grow.
//! let start = Milestone { kind: MilestoneKind::StartOfWork, date: PartialDate::Year(2020), note: None, sources: Vec::new() };
//! ```
//!
//! ## Validating
//!
//! [`validation`] checks what a reviewer would check beyond the JSON shape,
//! within a document and across documents (a programme and its projects),
//! and reports every problem with a stable code, a severity and a JSON
//! Pointer. The rule table is in `docs/validation-rules.md` and in
//! [`validation::RULES`].
//!
//! ```
//! use childwelfare::{data, validation};
//!
//! let report = validation::validate_documents(&data::seed());
//! assert!(report.is_valid()); // no errors; warnings are allowed
//! for diagnostic in &report.diagnostics {
//!     println!("{}: {} at {}", diagnostic.code, diagnostic.message, diagnostic.pointer);
//! }
//! ```
//!
//! A corpus too large to hold in memory is validated as it is read, on
//! every core, with only a compact index of what the rules across documents
//! need kept between batches ([`validation::CrossIndex`]); a programme that
//! lists a whole registry is read one listed project at a time:
//!
//! ```
//! use childwelfare::{load, validation};
//!
//! let found = validation::validate_files(&load::walk(&["data/"])?);
//! assert!(found.report.is_valid());
//! # Ok::<(), load::WalkError>(())
//! ```
//!
//! ## Aggregating
//!
//! [`aggregate`] answers the questions across projects: who the events
//! reached by theme, county, year …, judgements per rating, outputs, money,
//! staffing, and the projects side by side. Each figure is counted once and
//! keeps its exactness ([`figure`] has the arithmetic), and can explain
//! itself. [`report`] writes a summary; [`export`] writes tidy tables.
//!
//! ```
//! use childwelfare::aggregate::{Aggregator, Dimension};
//! use childwelfare::{data, load};
//!
//! let mut aggregator = Aggregator::new().explain(true);
//! for document in data::seed() {
//!     aggregator.add(&document); // or aggregator.add_files(&load::walk(paths)?, …)
//! }
//! let summary = aggregator.finish();
//! // Past `Aggregator::per_project_limit` (1 000 projects unless set), the
//! // tables with a row per project are left out so that memory stays flat,
//! // and say so: `Err(Omitted)` here, `PerProject::Omitted` in a field.
//! match summary.participation(Dimension::Project) {
//!     Ok(rows) => {
//!         for row in rows {
//!             let attendances = row.attendances.as_ref().map(|f| f.value.to_string());
//!             println!("{}: {}", row.group.label, attendances.unwrap_or_default());
//!         }
//!     }
//!     Err(omitted) => eprintln!("{omitted}"), // "… set Aggregator::per_project_limit or use childwelfare export"
//! }
//! // The tables by theme, county, year … are complete whatever the corpus.
//! for row in summary.participation(Dimension::Theme)? {
//!     if let Some(attendances) = &row.attendances {
//!         println!("{}: {}", row.group.label, attendances.value);
//!     }
//! }
//! # Ok::<(), childwelfare::aggregate::Omitted>(())
//! ```
//!
//! ## Schemas
//!
//! The JSON Schemas (Draft 2020-12) that other languages generate code from
//! are in `schema/` in the package and come from [`schema::json_schema`].
//! They are made for code generators: every `$defs` entry has a title,
//! defaults are stated, descriptions are plain prose. An optional field
//! given as `null` means absent, as pydantic and many JSON writers emit it.
//!
//! ```
//! use childwelfare::{DocumentKind, schema};
//!
//! let project = schema::json_schema(DocumentKind::Project);
//! assert_eq!(project["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert!(project["$defs"]["Count"]["title"].is_string());
//! ```
//!
//! ## JSON conventions
//!
//! Field names are `snake_case`; codes are `snake_case` strings. Unknown
//! fields are rejected (with the nearest valid name suggested); custom data
//! goes in the `extensions` object of the main records, which is kept on a
//! round trip. Every document starts with `document_type` and
//! `schema_version`. Parse errors name the line, column and path:
//! see [`ParseError`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod code_list;
mod value;

pub mod aggregate;
mod area;
mod assessment;
pub mod corpus;
mod count;
pub mod data;
mod date;
mod document;
mod event;
pub mod export;
pub mod figure;
mod fingerprint;
mod funding;
mod id;
pub mod json;
mod listing;
pub mod load;
mod measure;
mod milestone;
mod money;
mod objective;
mod organisation;
mod output;
mod packed;
mod participant;
mod pipeline;
mod programme;
mod programme_parts;
mod project;
mod regional_part;
mod relation;
pub mod report;
pub mod rewrite;
pub mod schema;
mod source;
mod text;
mod theme;
pub mod validation;
mod work_package;

pub use area::{CollaborativeArea, County};
pub use assessment::{
    AchievementRating, Assessment, AssessmentSource, Factor, FactorEffect, FactorKind, Judgement, Lesson,
    Recommendation,
};
pub use code_list::UnknownCode;
pub use count::{Count, DatedCount, Exactness, Participation};
pub use date::{PARTIAL_DATE_PATTERN, PartialDate, Period, Season};
pub use document::{Document, DocumentKind, OtherJson, SCHEMA_VERSION, SchemaVersion};
pub use event::{Event, EventKind, EventScope, EventStatus, PossibleOverlap};
pub use figure::Total;
pub use funding::{BudgetRelation, Funding, FundingKind, FundingPart};
pub use id::{ID_PATTERN, Id};
pub use json::{ParseError, ParseErrorKind};
pub use measure::{Measure, MeasureKind};
pub use milestone::{Milestone, MilestoneKind};
pub use money::{EUROS_PATTERN, Euros, Money, Percent};
pub use objective::{Objective, ObjectiveLevel};
pub use organisation::{
    BusinessId, Contact, Contribution, Email, IatiOrganisationRole, IatiOrganisationType, Implementer, ImplementerRole,
    OrganisationKind, StaffingEntry,
};
pub use output::{Award, AwardResult, Output, OutputKind, OutputStatus, Publication, SharedOutput};
pub use participant::{ParticipantGroup, ParticipantGroupKind, ParticipantRole};
pub use programme::{Programme, ProgrammeDocumentType, ProgrammeProject};
pub use programme_parts::{FundingRule, ProgrammeActivity, ProgrammeAim};
pub use project::{
    Collaboration, CollaborationStatus, Project, ProjectDocumentType, ProjectStatus, RecordDates, WorkingArea,
};
pub use regional_part::{RegionalPart, RegionalPartKind};
pub use relation::{AlternativeStatement, ProjectRelation, RelationKind};
pub use source::{Link, SourceDocument, SourceKind, SourceRef, Url};
pub use text::{EmptyText, Language, Text};
pub use theme::{ServiceSector, Theme};
pub use value::InvalidValue;
pub use work_package::{WorkPackage, WorkPackageNumber};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
