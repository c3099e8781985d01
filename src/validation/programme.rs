//! The rules within one programme document, run entry by entry: for a
//! whole document, and for a programme read from its file one listed
//! project at a time ([`crate::listing`]), which is never whole in memory.
//! Both go through [`ProgrammeChecks`], so they find the same things in the
//! same order.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::checks::{check_counties, emit_empty_texts, emit_unknown_sources};
use super::references::first_seen;
use super::rules::{FUNDING_SHARES_TOTAL, ID_DUPLICATE, SOURCE_ALTERNATIVE_UNSOURCED};
use super::walk::{walk_listed, walk_programme};
use super::{Diagnostic, Report, Sink};
use crate::listing::Listing;
use crate::{Programme, ProgrammeProject};

/// Runs the rules within `programme`.
pub(crate) fn check_programme(programme: &Programme, sink: &mut Sink<'_>) {
    let mut checks = ProgrammeChecks::default();
    for project in &programme.projects {
        checks.entry(project);
    }
    checks.finish(programme, sink);
}

/// The rules within one programme, given its entries one at a time and then
/// the rest of the document. What is kept of an entry: its [`Listing`]
/// (about 20 bytes and its `document`) and its source references (12 bytes
/// each), as the programme's source documents may come after its projects;
/// findings are kept as they are made.
#[derive(Debug, Default)]
pub(crate) struct ProgrammeChecks {
    listing: Listing,
    /// Findings on the counties of entries, with no document yet.
    counties: Report,
    /// The entry each finding in `counties` is about.
    county_entries: Vec<u32>,
    /// Empty texts of entries, in document order.
    empty_texts: Vec<String>,
    /// Each source reference of an entry: the entry, its place among the
    /// entry's sources, and the source document named (a number in `named`).
    references: Vec<[u32; 3]>,
    named: Vec<String>,
    named_numbers: HashMap<String, u32>,
}

impl crate::listing::Collect for ProgrammeChecks {
    fn entry(&mut self, project: ProgrammeProject) {
        ProgrammeChecks::entry(self, &project);
    }
}

impl ProgrammeChecks {
    /// Checks the next entry of the programme's `projects`.
    pub(crate) fn entry(&mut self, project: &ProgrammeProject) {
        let at = self.listing.len();
        let entry = number(at);
        self.listing.push(project);
        check_counties(
            Some(project.collaborative_area),
            &project.counties,
            &|| format!("project `{}`", project.id),
            &|| format!("/projects/{at}/counties"),
            &mut Sink::new(&mut self.counties, None),
        );
        self.county_entries.resize(self.counties.diagnostics.len(), entry);
        self.empty_texts.extend(walk_listed(project, at));
        for (place, source) in project.sources.iter().enumerate() {
            let document = source.document.as_str();
            let named = match self.named_numbers.get(document) {
                Some(&n) => n,
                None => {
                    let n = number(self.named.len());
                    self.named.push(document.to_owned());
                    self.named_numbers.insert(document.to_owned(), n);
                    n
                }
            };
            self.references.push([entry, number(place), named]);
        }
    }

    /// Runs the rules on the rest of `programme` (its `projects`, if any,
    /// are not looked at: they were given to [`ProgrammeChecks::entry`]) and
    /// gives back the listing of the entries, indexed.
    pub(crate) fn finish(self, programme: &Programme, sink: &mut Sink<'_>) -> Listing {
        let ProgrammeChecks { mut listing, counties, county_entries, empty_texts, references, named, .. } = self;
        listing.index();

        // Duplicate ids and counties, entry by entry.
        let mut counties = county_entries.into_iter().zip(counties.diagnostics).peekable();
        for (at, first) in listing.duplicates() {
            while let Some((_, diagnostic)) = counties.next_if(|(entry, _)| *entry < at) {
                sink.push(diagnostic);
            }
            let id = listing.get(at as usize).map_or("", |listed| listed.id);
            sink.emit(
                &ID_DUPLICATE,
                format!("/projects/{at}/id"),
                format!("project id `{id}` is already used by /projects/{first}"),
            );
        }
        counties.for_each(|(_, diagnostic)| sink.push(diagnostic));

        let mut sources: HashMap<&str, usize> = HashMap::new();
        for (i, source) in programme.source_documents.iter().enumerate() {
            if let Some(first) = first_seen(&mut sources, source.id.as_str(), i) {
                sink.emit(
                    &ID_DUPLICATE,
                    format!("/source_documents/{i}/id"),
                    format!("source document id `{}` is already used by /source_documents/{first}", source.id),
                );
            }
        }
        check_additions(programme, sink);
        let known: HashSet<&str> = sources.keys().copied().collect();
        let mut found = walk_programme(programme, &known, |found| {
            found.empty_texts.extend(empty_texts);
            for [entry, place, name] in references {
                let document = named.get(name as usize).map_or("", String::as_str);
                if !known.contains(document) {
                    found
                        .unknown_sources
                        .push((format!("/projects/{entry}/sources/{place}/document"), document.to_owned()));
                }
            }
        });
        emit_unknown_sources(&mut found, sink);
        emit_empty_texts(found, sink);
        listing
    }
}

/// The rules on what schema 1.2 added to a programme: unique ids of aims
/// and activities, a funding rule whose shares make the whole budget, and
/// alternative statements with a source.
fn check_additions(programme: &Programme, sink: &mut Sink<'_>) {
    let lists = [
        ("aims", "aim", programme.aims.iter().map(|a| &a.id).collect::<Vec<_>>()),
        ("activities", "activity", programme.activities.iter().map(|a| &a.id).collect()),
    ];
    for (list, noun, ids) in lists {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            if let Some(first) = first_seen(&mut seen, id.as_str(), i) {
                sink.emit(
                    &ID_DUPLICATE,
                    format!("/{list}/{i}/id"),
                    format!("{noun} id `{id}` is already used by /{list}/{first}"),
                );
            }
        }
    }
    if let Some(rule) = &programme.funding_rule {
        if let Some(own) = rule.self_financing_share {
            let whole = rule.state_grant_share.hundredths() + own.hundredths();
            if whole != crate::Percent::FULL.hundredths() {
                sink.emit(
                    &FUNDING_SHARES_TOTAL,
                    "/funding_rule",
                    format!(
                        "the funding rule's state grant of {} and self-financing of {own} do not make up 100 %",
                        rule.state_grant_share
                    ),
                );
            }
        }
    }
    for (j, alternative) in programme.alternatives.iter().enumerate() {
        if alternative.sources.is_empty() {
            sink.emit(
                &SOURCE_ALTERNATIVE_UNSOURCED,
                format!("/alternatives/{j}"),
                format!("the alternative statement of `{}` names no source", alternative.field),
            );
        }
    }
}

/// A count or place as a `u32`: a programme lists fewer than four billion
/// projects, each with fewer than four billion sources.
fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Sink<'_> {
    /// Adds a diagnostic made with no document, as one of this sink's.
    fn push(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.document.clone_from(&self.document);
        self.report.diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;
    use crate::{County, Id, SourceDocument, SourceKind, SourceRef, Text};

    /// A generated programme with a finding of every kind within it, before,
    /// among and after its entries.
    fn programme_with_findings() -> Programme {
        let mut programme = Generator::new(5).programme(12);
        let source = Id::new("decision").unwrap();
        programme.source_documents.push(SourceDocument::new(source.clone(), Text::fi("Päätös"), SourceKind::Other));
        programme.source_documents.push(SourceDocument::new(source.clone(), Text::fi("Kopio"), SourceKind::Other));
        programme.description = Some(Text::en(" "));
        programme.notes.push(Text::fi("\t"));
        programme.projects[3].id = programme.projects[1].id.clone();
        programme.projects[9].id = programme.projects[1].id.clone();
        let area = programme.projects[5].collaborative_area;
        let outside = County::ALL.iter().copied().find(|c| c.collaborative_area() != area).unwrap();
        programme.projects[5].counties.push(outside);
        programme.projects[3].counties.push(outside);
        for project in &mut programme.projects {
            project.sources.push(SourceRef::new(source.clone()));
        }
        programme.projects[6].sources.push(SourceRef::new(Id::new("no-such-source").unwrap()));
        programme.projects[7].name = Text::fi(" ");
        programme.projects[7].note = Some(Text::en(""));
        programme
    }

    struct Entries(ProgrammeChecks);

    impl crate::listing::Collect for Entries {
        fn entry(&mut self, project: ProgrammeProject) {
            self.0.entry(&project);
        }
    }

    #[test]
    fn a_programme_read_entry_by_entry_has_the_findings_of_the_whole_document() {
        let programme = programme_with_findings();
        let whole = super::super::validate_programme(&programme);
        let pointers: Vec<&str> = whole.diagnostics.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/projects/3/id",
                "/projects/3/counties/0",
                "/projects/5/counties/0",
                "/projects/9/id",
                "/source_documents/1/id",
                "/projects/6/sources/1/document",
                "/description/en",
                "/projects/7/name/fi",
                "/projects/7/note/en",
                "/notes/0/fi",
            ]
        );
        let first = &programme.projects[1].id;
        assert_eq!(whole.diagnostics[3].message, format!("project id `{first}` is already used by /projects/1"));

        let json = serde_json::to_string(&programme).unwrap();
        let (head, Entries(checks)) = crate::listing::stream(json.as_bytes(), Entries(ProgrammeChecks::default()))
            .unwrap_or_else(|_| panic!("a valid programme streams"));
        assert!(head.projects.is_empty());
        let mut streamed = Report { documents: 1, ..Report::new() };
        let listing = checks.finish(&head, &mut Sink::new(&mut streamed, Some(head.id.as_str())));
        assert_eq!(streamed, whole);
        assert_eq!(listing.len(), programme.projects.len());
        let (at, listed) = listing.find(first.as_str()).unwrap();
        assert_eq!((at, listed.id, listed.area), (1, first.as_str(), programme.projects[1].collaborative_area));
    }

    #[test]
    fn a_project_document_does_not_stream_as_a_programme() {
        let project = serde_json::to_string(&crate::Document::from(Generator::new(5).project(0))).unwrap();
        assert!(crate::listing::stream(project.as_bytes(), Entries(ProgrammeChecks::default())).is_err());
        let broken = serde_json::to_string(&programme_with_findings()).unwrap().replacen("\"name\"", "\"nimi\"", 2);
        assert!(crate::listing::stream(broken.as_bytes(), Entries(ProgrammeChecks::default())).is_err());
    }
}
