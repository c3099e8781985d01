//! Synthetic documents for tests and benchmarks: realistic projects made
//! deterministically from a seed.
//!
//! Each project has implementers (one administrator, the funder, co-implementers;
//! organisations recur across projects with the same id and name, as in a
//! real registry: the ministry funds every project, a wellbeing services
//! county of the area administers it, partners come from the area's pool of
//! 60),
//! two to six work packages, an overall aim and objectives per work package,
//! events (some of them parts of a reported total), outputs, measures,
//! assessments that judge every objective, factors, lessons, a funding
//! breakdown that adds up, staffing and sometimes a regional part, with
//! Finnish text of realistic length and real code-list values. The projects
//! are valid together with the programme that lists them; [`Generator::inject`]
//! adds a known number of rule violations.
//!
//! ```
//! use childwelfare::{corpus::Generator, validation};
//!
//! let generator = Generator::new(7);
//! let mut documents: Vec<_> = (0..5).map(|i| generator.document(i)).collect();
//! documents.push(generator.programme(5).into());
//! assert_eq!(validation::validate_documents(&documents).error_count(), 0);
//! assert_eq!(generator.project(3), generator.project(3)); // deterministic
//! ```

use crate::{
    AchievementRating, Assessment, AssessmentSource, BudgetRelation, CollaborativeArea, Count, Document, Euros, Event,
    EventKind, EventScope, Factor, FactorEffect, FactorKind, Funding, FundingKind, FundingPart, Id, Implementer,
    ImplementerRole, Judgement, Lesson, Measure, MeasureKind, Money, Objective, ObjectiveLevel, OrganisationKind,
    Output, OutputKind, PartialDate, Participation, Percent, Period, Programme, ProgrammeProject, Project,
    ProjectStatus, RegionalPart, StaffingEntry, Text, Theme, WorkPackage, WorkPackageNumber,
};

/// A small deterministic generator of numbers (SplitMix64).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "lastensuojelun",
    "monialaisen",
    "yhteistyön",
    "kehittäminen",
    "perheiden",
    "palvelujen",
    "asiakkaiden",
    "osallisuus",
    "työntekijöiden",
    "osaamisen",
    "vahvistaminen",
    "hyvinvointialueen",
    "toimintamallin",
    "käyttöönotto",
    "systeemisen",
    "työotteen",
    "juurruttaminen",
    "sijaishuollon",
    "laadun",
    "arviointi",
    "lasten",
    "nuorten",
    "kokemusasiantuntijoiden",
    "kanssa",
    "yhdessä",
    "alueellisesti",
    "koulutusten",
    "avulla",
    "verkostojen",
    "tuki",
];

fn words(rng: &mut Rng, low: u64, high: u64) -> String {
    let count = rng.range(low, high);
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push(' ');
        }
        let word: &&str = rng.pick(WORDS);
        text.push_str(word);
    }
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn sentence(rng: &mut Rng, low: u64, high: u64) -> Text {
    Text::fi(format!("{}.", words(rng, low, high)))
}

/// How many organisations besides the administrator and the funder each
/// collaborative area has to draw co-implementers from.
const ORGANISATIONS_PER_AREA: u64 = 60;

fn organisation_id(area: CollaborativeArea, k: u64) -> Id {
    id(format!("{}-org-{k}", area.code().replace('_', "-")))
}

fn id(text: String) -> Id {
    // Generated ids follow the rule by construction.
    Id::new(text).unwrap_or_else(|_| unreachable!("generated ids are valid"))
}

/// A rule violation [`Generator::inject`] can add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Violation {
    /// An event with more distinct people than attendances
    /// (`participation.people_exceed_attendances`).
    PeopleExceedAttendances,
    /// An objective that names a work package that does not exist (`ref.unresolved`).
    UnresolvedWorkPackage,
    /// A second administrator (`org.administrator_count`).
    SecondAdministrator,
}

impl Violation {
    /// Every kind, in the order [`Generator::inject`] cycles through them.
    pub const ALL: [Violation; 3] =
        [Violation::PeopleExceedAttendances, Violation::UnresolvedWorkPackage, Violation::SecondAdministrator];

    /// The code of the rule it breaks.
    pub const fn code(self) -> &'static str {
        match self {
            Violation::PeopleExceedAttendances => "participation.people_exceed_attendances",
            Violation::UnresolvedWorkPackage => "ref.unresolved",
            Violation::SecondAdministrator => "org.administrator_count",
        }
    }
}

/// Makes projects and their programme from a seed.
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
}

/// The programme's id.
const PROGRAMME: &str = "synthetic-programme";

impl Generator {
    /// A generator; the same seed makes the same documents.
    pub fn new(seed: u64) -> Self {
        Generator { seed }
    }

    fn rng(&self, index: u64) -> Rng {
        let mut rng = Rng(self.seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        rng.next();
        rng
    }

    /// The collaborative area of project `index`.
    fn area(&self, index: u64) -> CollaborativeArea {
        let mut rng = self.rng(index);
        *rng.pick(CollaborativeArea::ALL)
    }

    /// Organisation `k` of an area's pool, the same in every project.
    fn organisation(&self, area: CollaborativeArea, k: u64, organisation: Id) -> Implementer {
        let area_number = CollaborativeArea::ALL.iter().position(|a| *a == area).unwrap_or(0) as u64;
        let mut rng = Rng(self.seed ^ 0x5EED_0F0A_u64 ^ (area_number << 32) ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        let mut implementer = Implementer::new(
            organisation,
            Text::fi(format!("{} {k}", words(&mut rng, 1, 3))),
            *rng.pick(&[
                OrganisationKind::Municipality,
                OrganisationKind::JointMunicipalAuthority,
                OrganisationKind::Ngo,
            ]),
        )
        .with_role(ImplementerRole::CoImplementer);
        implementer.counties = vec![*rng.pick(&area.members())];
        implementer
    }

    /// Project `index` as a document.
    pub fn document(&self, index: u64) -> Document {
        Document::Project(Box::new(self.project(index)))
    }

    /// Project `index` with its events replaced by a `part_of` chain of `n`
    /// copies of one of its parts (ids `p{index}-chain-{i}`): event `i` is
    /// part of event `i - 1` and, when `cycle`, the first is part of the
    /// last. For tests and benchmarks of long chains, which must cost time
    /// linear in `n`; a closed chain is a `ref.cycle` error to validation.
    ///
    /// ```
    /// use childwelfare::corpus::Generator;
    ///
    /// let chain = Generator::new(1).chain(0, 3, false);
    /// let links: Vec<Option<&str>> = chain.events.iter().map(|e| e.part_of.as_ref().map(|p| p.as_str())).collect();
    /// assert_eq!(links, [None, Some("p0-chain-0"), Some("p0-chain-1")]);
    /// ```
    pub fn chain(&self, index: u64, n: usize, cycle: bool) -> Project {
        let mut project = self.project(index);
        let template = project.events.iter().find(|e| e.part_of.is_some()).cloned();
        let template = template.unwrap_or_else(|| Event::new(id(format!("p{index}-chain"))));
        let chain_id = |i: usize| id(format!("p{index}-chain-{i}"));
        project.events = (0..n)
            .map(|i| {
                let mut event = template.clone();
                event.id = chain_id(i);
                event.part_of = if i > 0 { Some(chain_id(i - 1)) } else { cycle.then(|| chain_id(n - 1)) };
                event
            })
            .collect();
        project
    }

    /// Project `index`: ids are `p{index}-…`, so that any number of them are
    /// valid together.
    pub fn project(&self, index: u64) -> Project {
        let mut rng = self.rng(index);
        let area = *rng.pick(CollaborativeArea::ALL);
        let counties = area.members();
        let p = format!("p{index}");
        let mut project = Project::new(
            id(p.clone()),
            Text::fi(format!("Hanke {index}: {}", words(&mut rng, 3, 6))),
            ProjectStatus::Ended,
        );
        project.programme = Some(id(PROGRAMME.to_owned()));
        project.collaborative_area = Some(area);
        project.short_description = Some(sentence(&mut rng, 12, 30));
        project.purpose = Some(sentence(&mut rng, 20, 60));
        let start_year = 2020 + rng.range(0, 1) as i32;
        let start = PartialDate::Month(start_year, rng.range(1, 9) as u32);
        let end = PartialDate::Month(start_year + 2, 12);
        project.period = Some(Period::new(start, end));
        project.cross_cutting_themes = vec![*rng.pick(Theme::ALL)];

        // Implementers: an administrator, the funder, co-implementers. As in
        // a real registry, organisations recur across projects: the funder is
        // always the ministry, the administrator a wellbeing services county
        // of the area, the others drawn from the area's pool; an organisation
        // has the same id, name and kind in every project.
        let funder = id("stm".to_owned());
        let county = *rng.pick(&counties);
        let administrator = id(format!("hva-{}", county.code().replace('_', "-")));
        project.implementers.push(
            Implementer::new(
                administrator.clone(),
                Text::fi(format!("{} hyvinvointialue", county.label(crate::Language::Fi))),
                OrganisationKind::WellbeingServicesCounty,
            )
            .with_role(ImplementerRole::Administrator),
        );
        project.implementers.push(
            Implementer::new(funder.clone(), Text::fi("Sosiaali- ja terveysministeriö"), OrganisationKind::Ministry)
                .with_role(ImplementerRole::Funder),
        );
        let co_implementers = rng.range(1, 8);
        let mut partners: Vec<u64> = Vec::new();
        while (partners.len() as u64) < co_implementers {
            let k = rng.range(0, ORGANISATIONS_PER_AREA - 1);
            if !partners.contains(&k) {
                partners.push(k);
            }
        }
        let partner_ids: Vec<Id> = partners.iter().map(|&k| organisation_id(area, k)).collect();
        for (&k, partner) in partners.iter().zip(&partner_ids) {
            project.implementers.push(self.organisation(area, k, partner.clone()));
        }

        // Money that adds up: the state grant is 80 % of the total.
        let total_euros = rng.range(200, 2_000) * 1_000;
        let grant = total_euros * 4 / 5;
        let mut funding = Funding { funder: Some(funder.clone()), ..Funding::default() };
        funding.total = Some(Money::exact(Euros::from_cents(total_euros * 100)));
        let mut state = FundingPart::new(FundingKind::StateGrant);
        state.share = Percent::from_hundredths(8_000).ok();
        state.amount = Some(Money::exact(Euros::from_cents(grant * 100)));
        state.paid_by = vec![funder.clone()];
        let mut own = FundingPart::new(FundingKind::SelfFinancing);
        own.share = Percent::from_hundredths(2_000).ok();
        own.amount = Some(Money::exact(Euros::from_cents((total_euros - grant) * 100)));
        own.paid_by = vec![administrator.clone()];
        funding.parts = vec![state, own];
        project.funding = Some(funding);

        let mut staff = StaffingEntry::new(Text::fi("projektikoordinaattori"));
        staff.implementer = Some(administrator.clone());
        staff.share_of_full_time = Percent::from_hundredths(10_000).ok();
        project.staffing.push(staff);
        for _ in 0..rng.range(1, 4) {
            let mut entry = StaffingEntry::new(Text::fi("kehittäjätyöntekijä"));
            entry.implementer = Some(rng.pick(&partner_ids).clone());
            entry.share_of_full_time = Percent::from_hundredths(rng.range(2, 10) as u32 * 1_000).ok();
            project.staffing.push(entry);
        }

        // Work packages, an overall aim and objectives.
        let aim = id(format!("{p}-aim"));
        project.objectives.push(Objective::new(aim.clone(), ObjectiveLevel::OverallAim, sentence(&mut rng, 10, 25)));
        let packages = rng.range(2, 6);
        for n in 1..=packages {
            let wp = id(format!("{p}-wp-{n}"));
            let mut package = WorkPackage::new(
                wp.clone(),
                WorkPackageNumber::arabic(n as u8).unwrap_or_else(|_| unreachable!("1-6 are work package numbers")),
                Text::fi(words(&mut rng, 3, 7)),
            );
            package.description = Some(sentence(&mut rng, 20, 50));
            package.actions = (0..rng.range(2, 6)).map(|_| sentence(&mut rng, 5, 15)).collect();
            package.themes = vec![*rng.pick(Theme::ALL)];
            project.work_packages.push(package);
            for k in 0..rng.range(1, 3) {
                let mut objective = Objective::new(
                    id(format!("{p}-wp-{n}-obj-{k}")),
                    ObjectiveLevel::Objective,
                    sentence(&mut rng, 8, 20),
                );
                objective.parent = Some(aim.clone());
                objective.work_packages = vec![wp.clone()];
                project.objectives.push(objective);
            }
        }

        // Events: some thematic totals with complete, exact parts; others alone.
        let date_in = |rng: &mut Rng| PartialDate::Month(start_year + 1, rng.range(1, 12) as u32);
        for group in 0..rng.range(1, 4) {
            let total_id = id(format!("{p}-ev-{group}"));
            let parts = rng.range(2, 5);
            let figures: Vec<u64> = (0..parts).map(|_| rng.range(10, 400)).collect();
            let theme = *rng.pick(Theme::ALL);
            let mut total = Event::new(total_id.clone());
            total.title = Some(Text::fi(words(&mut rng, 4, 9)));
            total.themes = vec![theme];
            total.scope = Some(EventScope::CollaborativeArea);
            total.counties = counties.clone();
            total.parts_complete = true;
            total.participation = Some(Participation::new(Some(Count::exact(figures.iter().sum())), None));
            total.work_packages = vec![id(format!("{p}-wp-{}", rng.range(1, packages)))];
            project.events.push(total);
            for (k, figure) in figures.iter().enumerate() {
                let mut event = Event::new(id(format!("{p}-ev-{group}-{k}")));
                event.kinds = vec![*rng.pick(&[
                    EventKind::Webinar,
                    EventKind::Training,
                    EventKind::Workshop,
                    EventKind::Seminar,
                ])];
                event.title = Some(Text::fi(words(&mut rng, 3, 8)));
                event.themes = vec![theme];
                event.part_of = Some(total_id.clone());
                let date = date_in(&mut rng);
                event.period = Some(Period::new(date, date));
                event.participation =
                    Some(Participation::new(Some(Count::exact(*figure)), Some(Count::exact(figure / 2))));
                project.events.push(event);
            }
        }
        for k in 0..rng.range(2, 10) {
            let mut event = Event::new(id(format!("{p}-ev-local-{k}")));
            event.kinds = vec![*rng.pick(EventKind::ALL)];
            event.scope = Some(EventScope::Local);
            event.counties = vec![*rng.pick(&counties)];
            let date = date_in(&mut rng);
            event.period = Some(Period::new(date, date));
            let figure = rng.range(5, 120);
            event.participation = Some(Participation::new(
                Some(if k % 3 == 0 { Count::approximate(figure) } else { Count::exact(figure) }),
                None,
            ));
            project.events.push(event);
        }

        // Outputs and measures.
        for k in 0..rng.range(5, 25) {
            let mut output = Output::new(id(format!("{p}-out-{k}")), *rng.pick(OutputKind::ALL));
            output.title = Some(Text::fi(words(&mut rng, 3, 8)));
            output.description = Some(sentence(&mut rng, 10, 30));
            output.date = Some(date_in(&mut rng));
            output.work_packages = vec![id(format!("{p}-wp-{}", rng.range(1, packages)))];
            project.outputs.push(output);
        }
        for k in 0..rng.range(0, 4) {
            let mut measure = Measure::new(
                id(format!("{p}-m-{k}")),
                MeasureKind::Activity,
                sentence(&mut rng, 5, 12),
                Count::exact(rng.range(1, 500)),
                Text::fi("kertaa"),
            );
            measure.date = Some(date_in(&mut rng));
            project.measures.push(measure);
        }

        // Assessments that judge every objective; factors and lessons.
        let mut assessment = Assessment::new(id(format!("{p}-as-final")), AssessmentSource::FinalReport);
        assessment.conclusion = Some(sentence(&mut rng, 20, 60));
        assessment.judgements = project
            .objectives
            .iter()
            .map(|objective| {
                let rating = *rng.pick(&[
                    AchievementRating::Achieved,
                    AchievementRating::PartlyAchieved,
                    AchievementRating::NotAchieved,
                ]);
                let mut judgement = Judgement::new(objective.id.clone(), rating);
                judgement.statement = Some(sentence(&mut rng, 8, 20));
                judgement
            })
            .collect();
        project.assessments.push(assessment);
        for k in 0..rng.range(2, 6) {
            let effect = *rng.pick(&[FactorEffect::Helped, FactorEffect::Hindered]);
            project.factors.push(Factor::new(
                id(format!("{p}-f-{k}")),
                *rng.pick(FactorKind::ALL),
                effect,
                sentence(&mut rng, 10, 25),
            ));
        }
        for k in 0..rng.range(1, 4) {
            project.lessons.push(Lesson::new(id(format!("{p}-l-{k}")), sentence(&mut rng, 10, 30)));
        }

        // Sometimes a regional part inside the project's budget.
        if rng.range(0, 2) == 0 {
            let county = *rng.pick(&counties);
            let mut part = RegionalPart::new(
                id(format!("{p}-rp")),
                Text::fi(format!("{} osahanke", county.label(crate::Language::Fi))),
                vec![county],
            );
            part.budget_relation = Some(BudgetRelation::IncludedInProject);
            part.goal = Some(sentence(&mut rng, 10, 25));
            project.regional_parts.push(part);
        }
        project
    }

    /// A programme listing projects `0..count`, with their total funding.
    pub fn programme(&self, count: u64) -> Programme {
        let mut programme = Programme::new(
            id(PROGRAMME.to_owned()),
            Text::fi("Synteettinen ohjelma"),
            Text::fi("Sosiaali- ja terveysministeriö"),
        );
        let mut total = Some(Euros::from_cents(0));
        for index in 0..count {
            let project = self.project(index);
            let budget = project.funding.as_ref().and_then(|f| f.total).map(|m| m.euros);
            total = total.zip(budget).and_then(|(t, b)| t.checked_add(b));
            let administrator = project.implementers[0].display_name(crate::Language::Fi);
            programme.projects.push(ProgrammeProject::new(
                project.id,
                project.name,
                self.area(index),
                Text::fi(administrator),
            ));
        }
        programme.total_funding = total.map(Money::exact);
        programme
    }

    /// Project `index` with `count` rule violations, cycling through
    /// [`Violation::ALL`]; returns the project and the violations added.
    pub fn inject(&self, index: u64, count: usize) -> (Project, Vec<Violation>) {
        let mut project = self.project(index);
        let mut added = Vec::new();
        for k in 0..count {
            let violation = Violation::ALL[k % Violation::ALL.len()];
            let tag = format!("{}-bad-{k}", project.id);
            match violation {
                Violation::PeopleExceedAttendances => {
                    let mut event = Event::new(id(tag));
                    event.participation = Some(Participation::new(Some(Count::exact(5)), Some(Count::exact(6))));
                    project.events.push(event);
                }
                Violation::UnresolvedWorkPackage => {
                    let mut objective =
                        Objective::new(id(tag.clone()), ObjectiveLevel::SubObjective, Text::fi("Tavoite"));
                    objective.work_packages = vec![id(format!("{tag}-missing"))];
                    project.objectives.push(objective);
                    // Judged, so that only the reference is wrong.
                    project.assessments[0].judgements.push(Judgement::new(id(tag), AchievementRating::Achieved));
                }
                Violation::SecondAdministrator => {
                    project.implementers.push(
                        Implementer::new(id(tag), Text::fi("Toinen hallinnoija"), OrganisationKind::Municipality)
                            .with_role(ImplementerRole::Administrator),
                    );
                }
            }
            added.push(violation);
        }
        (project, added)
    }
}

impl From<Programme> for Document {
    fn from(programme: Programme) -> Self {
        Document::Programme(Box::new(programme))
    }
}

impl From<Project> for Document {
    fn from(project: Project) -> Self {
        Document::Project(Box::new(project))
    }
}
