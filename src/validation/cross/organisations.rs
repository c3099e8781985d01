//! The rules on organisations across documents, run as each project is
//! added: one name and one business ID per organisation id, and one
//! organisation per business ID.

use super::{BusinessIdSeen, CrossIndex, Organisation};
use crate::validation::Sink;
use crate::validation::digest::ProjectDigest;
use crate::validation::rules::{CROSS_BUSINESS_ID, CROSS_ORGANISATION_NAME};

impl CrossIndex {
    /// Checks `project`'s implementers against the organisations and
    /// business IDs seen before, and keeps those seen first here.
    pub(super) fn add_organisations(&mut self, project: &ProjectDigest) {
        let id = project.id();
        let mut sink = Sink::new(&mut self.organisation_names, Some(id));
        for (i, implementer) in project.implementers.iter().enumerate() {
            let (key, check) = implementer.print;
            let implementer_id = project.text(implementer.id);
            match self.organisations.get(key).copied() {
                Some(first) if first.check == check => {
                    let other_project = self.texts.get(first.project);
                    // An unnamed implementer (a region only) agrees with any name.
                    if let (Some((here_print, here)), Some((there_print, there))) = (implementer.name, first.name) {
                        if here_print != there_print {
                            sink.emit(
                                &CROSS_ORGANISATION_NAME,
                                format!("/implementers/{i}/name"),
                                format!(
                                    "organisation `{implementer_id}` is named \"{}\" here but \"{}\" in project `{other_project}`",
                                    project.text(here),
                                    self.texts.get(there)
                                ),
                            );
                        }
                    }
                    if let (Some(a), Some((b, _))) = (first.business_id, implementer.business_id) {
                        let (a, b) = (self.texts.get(a), project.text(b));
                        if a != b {
                            sink.emit(
                                &CROSS_BUSINESS_ID,
                                format!("/implementers/{i}/business_id"),
                                format!(
                                    "organisation `{implementer_id}` has business ID {b} here but {a} in project `{other_project}`"
                                ),
                            );
                        }
                    }
                }
                // Another id with the same 64 bits: not indexed (as for documents).
                Some(_) => {}
                None => {
                    let name = implementer.name.map(|(print, name)| (print, self.texts.put(project.text(name))));
                    let business_id = implementer.business_id.map(|(b, _)| self.texts.put(project.text(b)));
                    let here = self.texts.put(id);
                    self.organisations.insert(key, Organisation { project: here, check, name, business_id });
                }
            }
            if let Some((business_id, (key, check))) = implementer.business_id {
                let business_id = project.text(business_id);
                match self.business_ids.get(key).copied() {
                    Some(first) if first.check == check => {
                        let other_id = self.texts.get(first.organisation);
                        if other_id != implementer_id {
                            sink.emit(
                                &CROSS_BUSINESS_ID,
                                format!("/implementers/{i}/business_id"),
                                format!(
                                    "business ID {business_id} belongs to organisation `{implementer_id}` here but to `{other_id}` in project `{}`",
                                    self.texts.get(first.project)
                                ),
                            );
                        }
                    }
                    Some(_) => {}
                    None => {
                        let organisation = self.texts.put(implementer_id);
                        let here = self.texts.put(id);
                        self.business_ids.insert(key, BusinessIdSeen { project: here, check, organisation });
                    }
                }
            }
        }
    }
}
