//! The rules across documents given together.

use std::collections::HashMap;

use super::checks::{first_seen, pointer, records};
use super::rules::*;
use super::{Report, Sink};
use crate::{Document, Exactness, Language};

pub(crate) fn check_documents(documents: &[Document], report: &mut Report) {
    let mut sink = Sink::new(report, None);

    // Document ids.
    let mut ids: HashMap<(&str, &str), usize> = HashMap::new();
    for (n, document) in documents.iter().enumerate() {
        let key = (document.kind().code(), document.id().as_str());
        if let Some(first) = first_seen(&mut ids, key, n) {
            sink.document = Some(document.id().to_string());
            sink.emit(
                &CROSS_DUPLICATE_DOCUMENT,
                "/id",
                format!("{} id `{}` is also the id of document {} given", key.0, key.1, first + 1),
            );
        }
    }

    let projects: Vec<&crate::Project> = documents
        .iter()
        .filter_map(|d| match d {
            Document::Project(p) => Some(p.as_ref()),
            _ => None,
        })
        .collect();
    let programmes: Vec<&crate::Programme> = documents
        .iter()
        .filter_map(|d| match d {
            Document::Programme(p) => Some(p.as_ref()),
            _ => None,
        })
        .collect();

    // Record ids across projects (implementers and source documents are shared on purpose).
    let mut owners: HashMap<&str, &str> = HashMap::new();
    for project in &projects {
        let mut own: HashMap<&str, ()> = HashMap::new();
        for (kind, index, id) in records(project) {
            use super::checks::Kind;
            if matches!(kind, Kind::Implementer | Kind::SourceDocument) || own.insert(id.as_str(), ()).is_some() {
                continue;
            }
            match owners.get(id.as_str()) {
                Some(owner) if *owner != project.id.as_str() => {
                    sink.document = Some(project.id.to_string());
                    sink.emit(
                        &CROSS_DUPLICATE_RECORD,
                        format!("{}/id", pointer(kind, index)),
                        format!("{} id `{id}` is also used in project `{owner}`", kind.noun()),
                    );
                }
                _ => {
                    owners.insert(id.as_str(), project.id.as_str());
                }
            }
        }
    }

    // Organisations: one name and one business ID per id.
    let mut organisations: HashMap<&str, (&str, &crate::Implementer)> = HashMap::new();
    let mut business_ids: HashMap<&str, (&str, &str)> = HashMap::new();
    for project in &projects {
        sink.document = Some(project.id.to_string());
        for (i, implementer) in project.implementers.iter().enumerate() {
            if let Some((other_project, first)) = organisations.get(implementer.id.as_str()) {
                // An unnamed implementer (a region only) agrees with any name.
                if let (Some(here), Some(there)) = (&implementer.name, &first.name) {
                    if here != there {
                        sink.emit(
                            &CROSS_ORGANISATION_NAME,
                            format!("/implementers/{i}/name"),
                            format!(
                                "organisation `{}` is named \"{}\" here but \"{}\" in project `{other_project}`",
                                implementer.id,
                                here.best(Language::Fi),
                                there.best(Language::Fi)
                            ),
                        );
                    }
                }
                if let (Some(a), Some(b)) = (&first.business_id, &implementer.business_id) {
                    if a != b {
                        sink.emit(
                            &CROSS_BUSINESS_ID,
                            format!("/implementers/{i}/business_id"),
                            format!(
                                "organisation `{}` has business ID {b} here but {a} in project `{other_project}`",
                                implementer.id
                            ),
                        );
                    }
                }
            } else {
                organisations.insert(implementer.id.as_str(), (project.id.as_str(), implementer));
            }
            if let Some(business_id) = &implementer.business_id {
                match business_ids.get(business_id.as_str()) {
                    Some((other_project, other_id)) if *other_id != implementer.id.as_str() => sink.emit(
                        &CROSS_BUSINESS_ID,
                        format!("/implementers/{i}/business_id"),
                        format!(
                            "business ID {business_id} belongs to organisation `{}` here but to `{other_id}` in project `{other_project}`",
                            implementer.id
                        ),
                    ),
                    Some(_) => {}
                    None => {
                        business_ids.insert(business_id.as_str(), (project.id.as_str(), implementer.id.as_str()));
                    }
                }
            }
        }
    }

    // Programmes and their projects.
    for project in &projects {
        let Some(programme_id) = &project.programme else { continue };
        sink.document = Some(project.id.to_string());
        let Some(programme) = programmes.iter().find(|p| &p.id == programme_id) else {
            sink.not_run(
                &CROSS_PROJECT_NOT_LISTED,
                format!(
                    "programme `{programme_id}` is not among the documents given, so its listing cannot be compared"
                ),
            );
            continue;
        };
        let Some(listed) = programme.projects.iter().find(|l| l.id == project.id) else {
            sink.emit(
                &CROSS_PROJECT_NOT_LISTED,
                "/programme",
                format!("project `{}` names programme `{programme_id}`, which does not list it", project.id),
            );
            continue;
        };
        if let Some(area) = project.collaborative_area {
            if area != listed.collaborative_area {
                sink.emit(
                    &CROSS_PROGRAMME_MISMATCH,
                    "/collaborative_area",
                    format!(
                        "project `{}` is in the {} but programme `{programme_id}` lists it in the {}",
                        project.id,
                        area.label(Language::En),
                        listed.collaborative_area.label(Language::En)
                    ),
                );
            }
        }
    }
    for programme in &programmes {
        sink.document = Some(programme.id.to_string());
        for (i, listed) in programme.projects.iter().enumerate() {
            if listed.document.is_some() && !projects.iter().any(|p| p.id == listed.id) {
                sink.emit(
                    &CROSS_DOCUMENT_MISSING,
                    format!("/projects/{i}/document"),
                    format!(
                        "programme lists project `{}` with document {}, but no project document with that id was given",
                        listed.id,
                        listed.document.as_deref().unwrap_or_default()
                    ),
                );
            }
        }
        check_programme_totals(programme, &projects, &mut sink);
    }
}

fn check_programme_totals(programme: &crate::Programme, projects: &[&crate::Project], sink: &mut Sink<'_>) {
    let Some(total) = programme.total_funding else { return };
    let mut missing = Vec::new();
    let mut sum = 0u64;
    let mut all_exact = total.exactness == Exactness::Exact;
    for listed in &programme.projects {
        match projects.iter().find(|p| p.id == listed.id).and_then(|p| p.funding.as_ref()).and_then(|f| f.total) {
            Some(money) => {
                sum = sum.saturating_add(money.euros.cents());
                all_exact &= money.exactness == Exactness::Exact;
            }
            None => missing.push(format!("`{}`", listed.id)),
        }
    }
    if !missing.is_empty() {
        sink.not_run(
            &CROSS_PROGRAMME_TOTALS,
            format!(
                "no total funding is known for project(s) {}, so the programme total cannot be compared",
                missing.join(", ")
            ),
        );
        return;
    }
    let stated = total.euros.cents();
    let consistent = if all_exact { sum == stated } else { sum.abs_diff(stated) <= stated / 10 };
    if !consistent {
        sink.emit(
            &CROSS_PROGRAMME_TOTALS,
            "/total_funding",
            format!(
                "the projects' total funding adds up to {} but the programme states {}{}; difference {}",
                crate::Euros::from_cents(sum),
                if all_exact { "" } else { "about " },
                total.euros,
                crate::Euros::from_cents(sum.abs_diff(stated))
            ),
        );
    }
}
