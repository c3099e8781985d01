//! Every word the reports write, in Finnish, Swedish and English.
//!
//! A phrase is declared once with its three translations; the macro that
//! declares them takes no phrase without all three, so a missing
//! translation does not compile. Placeholders `{0}`, `{1}` … are filled by
//! [`Phrase::fill`]; every translation of a phrase has the same
//! placeholders (a test checks it).

use crate::Language;

macro_rules! phrases {
    ($( $(#[$meta:meta])* $name:ident { fi: $fi:literal, sv: $sv:literal, en: $en:literal } )+) => {
        /// A phrase of the reports, with its text in each language.
        ///
        /// ```
        /// use childwelfare::Language;
        /// use childwelfare::report::Phrase;
        ///
        /// assert_eq!(Phrase::Attendances.text(Language::Fi), "osallistumiskerrat");
        /// assert_eq!(Phrase::Attendances.text(Language::Sv), "deltagartillfällen");
        /// assert_eq!(Phrase::OneProject.fill(Language::Fi, &["1"]), "1 hanke");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Phrase {
            $( $(#[$meta])* $name, )+
        }

        impl Phrase {
            /// Every phrase, in the order of declaration.
            pub const ALL: &'static [Phrase] = &[$(Phrase::$name),+];

            /// The phrase in `language`.
            pub const fn text(self, language: Language) -> &'static str {
                match language {
                    Language::Fi => match self { $(Phrase::$name => $fi,)+ },
                    Language::Sv => match self { $(Phrase::$name => $sv,)+ },
                    Language::En => match self { $(Phrase::$name => $en,)+ },
                }
            }
        }
    };
}

impl Phrase {
    /// The phrase in `language` with `{0}`, `{1}` … replaced by `args`.
    pub fn fill(self, language: Language, args: &[&str]) -> String {
        let text = self.text(language);
        let mut out = String::with_capacity(text.len() + args.iter().map(|a| a.len()).sum::<usize>());
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('}').and_then(|end| Some((end, after[..end].parse::<usize>().ok()?))) {
                Some((end, index)) if index < args.len() => {
                    out.push_str(args[index]);
                    rest = &after[end + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

phrases! {
    /// The report's title.
    Summary { fi: "Yhteenveto", sv: "Sammanfattning", en: "Summary" }
    /// One project.
    OneProject { fi: "{0} hanke", sv: "{0} projekt", en: "{0} project" }
    /// Several projects.
    Projects { fi: "{0} hanketta", sv: "{0} projekt", en: "{0} projects" }
    /// One programme.
    OneProgramme { fi: "{0} ohjelma", sv: "{0} program", en: "{0} programme" }
    /// Several programmes.
    Programmes { fi: "{0} ohjelmaa", sv: "{0} program", en: "{0} programmes" }
    /// What the report covers.
    Covers {
        fi: "Luetut asiakirjat: {0}; asiakirjat, joita ei voitu lukea: {1}.",
        sv: "Lästa dokument: {0}; dokument som inte kunde läsas: {1}.",
        en: "Documents read: {0}; documents that could not be read: {1}."
    }
    /// Documents that could not be read, listed below it.
    Incomplete {
        fi: "Puutteellinen: nämä asiakirjat ({0}) eivät olleet luettavissa, eivätkä ne ole mukana yhdessäkään alla olevassa luvussa:",
        sv: "Ofullständig: dessa dokument ({0}) kunde inte läsas och ingår inte i någon siffra nedan:",
        en: "Incomplete: these documents ({0}) could not be read and are left out of every figure below:"
    }
    /// The period the projects cover.
    Period {
        fi: "Ajanjakso: {0} (hankkeiden varhaisimmasta alusta myöhäisimpään loppuun)",
        sv: "Period: {0} (från projektens tidigaste start till deras senaste slut)",
        en: "Period: {0} (from the earliest start to the latest end of the projects)"
    }
    /// The tables with a row per project left out past the limit.
    PerProjectOmitted {
        fi: "Yli {0} hanketta: taulukot, joissa on rivi kutakin hanketta, työpakettia, arviointia, tietuetta tai organisaatiota kohden, jätetään pois, jotta muistinkäyttö pysyy tasaisena; `childwelfare export` kirjoittaa ne rivi tietuetta kohden. Kaikkien hankkeiden tapahtumien osallistumiskerrat: {1}.",
        sv: "Fler än {0} projekt: tabellerna med en rad per projekt, arbetspaket, utvärdering, post eller organisation utelämnas så att minnet förblir jämnt; `childwelfare export` skriver dem med en rad per post. Deltagartillfällen vid alla projekts evenemang: {1}.",
        en: "More than {0} projects: the tables with a row per project, work package, assessment, record or organisation are left out so that memory stays flat; `childwelfare export` writes those one row per record. Attendances at all projects' events: {1}."
    }
    /// A table left out past the per-project limit.
    LeftOut {
        fi: "Jätetty pois: yli {0} hanketta ({1} luettu); `childwelfare export` kirjoittaa rivit.",
        sv: "Utelämnad: fler än {0} projekt ({1} lästa); `childwelfare export` skriver raderna.",
        en: "Left out: more than {0} projects ({1} read); `childwelfare export` writes the rows."
    }
    /// A group no record states.
    NotStated { fi: "ei ilmoitettu", sv: "inte angivet", en: "not stated" }
    /// Events of several counties, in one row of a partition.
    SeveralCounties { fi: "useita alueita: {0}", sv: "flera områden: {0}", en: "several counties: {0}" }
    /// Events of several scopes, in one row of a partition.
    SeveralScopes { fi: "useita laajuuksia: {0}", sv: "flera omfattningar: {0}", en: "several scopes: {0}" }
    /// Money not broken down into kinds.
    NotBrokenDown { fi: "ei eritelty", sv: "inte specificerat", en: "not broken down" }
    /// No figure stated anywhere.
    NoneStated { fi: "ei ilmoitettu", sv: "inte angivet", en: "none stated" }
    /// One funding part without an amount.
    OnePartWithoutAmount { fi: "1 osa ilman summaa", sv: "1 del utan belopp", en: "1 part without an amount" }
    /// Several funding parts without an amount.
    PartsWithoutAmount { fi: "{0} osaa ilman summaa", sv: "{0} delar utan belopp", en: "{0} parts without an amount" }

    /// Title: the projects' table.
    ProjectsSideBySide { fi: "Hankkeet rinnakkain", sv: "Projekten sida vid sida", en: "Projects side by side" }
    /// Column: a project.
    Project { fi: "hanke", sv: "projekt", en: "project" }
    /// Column: a status.
    Status { fi: "tila", sv: "status", en: "status" }
    /// Column: a period.
    PeriodColumn { fi: "ajanjakso", sv: "period", en: "period" }
    /// Column: events held.
    EventsHeld { fi: "pidetyt tapahtumat", sv: "hållna evenemang", en: "events held" }
    /// Column: events cancelled.
    Cancelled { fi: "peruttu", sv: "inställda", en: "cancelled" }
    /// Column: attendances.
    Attendances { fi: "osallistumiskerrat", sv: "deltagartillfällen", en: "attendances" }
    /// Column: outputs.
    Outputs { fi: "tuotokset", sv: "resultat", en: "outputs" }
    /// Column: judgements rated achieved.
    Achieved { fi: "saavutettu", sv: "uppnått", en: "achieved" }
    /// Column: judgements rated partly achieved (short).
    Partly { fi: "osittain", sv: "delvis", en: "partly" }
    /// Column: judgements rated not achieved.
    NotAchieved { fi: "ei saavutettu", sv: "inte uppnått", en: "not achieved" }
    /// Column: objectives no assessment judges.
    Unjudged { fi: "arvioimatta", sv: "ej bedömda", en: "unjudged" }
    /// Column: the budget.
    Budget { fi: "budjetti", sv: "budget", en: "budget" }
    /// Column: the state grant.
    StateGrant { fi: "valtionavustus", sv: "statsunderstöd", en: "state grant" }
    /// No output recorded.
    NoneRecorded { fi: "– (ei kirjattu)", sv: "– (inga registrerade)", en: "– (none recorded)" }
    /// A project without objectives.
    NoObjectivesRecorded { fi: "ei tavoitteita kirjattu", sv: "inga mål registrerade", en: "no objectives recorded" }

    /// Title: programmes.
    ProgrammesAgainstProjects { fi: "Ohjelmat ja niiden hankkeet", sv: "Programmen och deras projekt", en: "Programmes against their projects" }
    /// Column: a programme.
    Programme { fi: "ohjelma", sv: "program", en: "programme" }
    /// Column: projects a programme lists.
    ProjectsListed { fi: "hankkeita listattu", sv: "projekt listade", en: "projects listed" }
    /// Column: listed projects given as documents.
    Given { fi: "luettu", sv: "lästa", en: "given" }
    /// Column: the funding a programme states.
    StatedFunding { fi: "ilmoitettu rahoitus", sv: "angiven finansiering", en: "stated funding" }
    /// Column: the projects' budgets.
    ProjectsBudgets { fi: "hankkeiden budjetit", sv: "projektens budgetar", en: "projects' budgets" }
    /// Column: projects without a budget.
    WithoutBudget { fi: "ilman budjettia", sv: "utan budget", en: "without budget" }

    /// Title: participation by project.
    ParticipationByProject { fi: "Osallistuminen hankkeittain", sv: "Deltagande per projekt", en: "Participation by project" }
    /// Title: participation by theme.
    ParticipationByTheme { fi: "Osallistuminen teemoittain", sv: "Deltagande per tema", en: "Participation by theme" }
    /// Title: participation by event kind.
    ParticipationByEventKind { fi: "Osallistuminen tapahtumalajeittain", sv: "Deltagande per evenemangstyp", en: "Participation by event kind" }
    /// Title: participation by scope.
    ParticipationByScope { fi: "Osallistuminen laajuuden mukaan", sv: "Deltagande per omfattning", en: "Participation by scope" }
    /// Title: participation by county.
    ParticipationByCounty { fi: "Osallistuminen alueittain", sv: "Deltagande per område", en: "Participation by county" }
    /// Title: participation by year.
    ParticipationByYear { fi: "Osallistuminen vuosittain", sv: "Deltagande per år", en: "Participation by year" }
    /// Title: participation by quarter.
    ParticipationByQuarter { fi: "Osallistuminen vuosineljänneksittäin", sv: "Deltagande per kvartal", en: "Participation by quarter" }
    /// Title: participation by work package.
    ParticipationByWorkPackage { fi: "Osallistuminen työpaketeittain", sv: "Deltagande per arbetspaket", en: "Participation by work package" }
    /// Column: a group of a table.
    Group { fi: "ryhmä", sv: "grupp", en: "group" }
    /// Column: events held (short).
    Held { fi: "pidetty", sv: "hållna", en: "held" }
    /// Column: events planned.
    Planned { fi: "suunniteltu", sv: "planerade", en: "planned" }
    /// Column: meetings of recurring events.
    Meetings { fi: "tapaamiset", sv: "möten", en: "meetings" }
    /// Column: distinct people.
    DistinctPeople { fi: "eri henkilöt", sv: "olika personer", en: "distinct people" }
    /// A table without a total.
    NoFigure { fi: "ei lukua", sv: "ingen siffra", en: "no figure" }
    /// A partition whose rows add up.
    PartitionAddsUp {
        fi: "Kukin luku on yhdellä rivillä: osallistumiskerrat laskevat yhteen kokonaismäärään, {0}.",
        sv: "Varje siffra står på en rad: deltagartillfällena summeras till totalen, {0}.",
        en: "Each figure in one row: the attendances add up to the total, {0}."
    }
    /// A partition whose rows do not add up.
    PartitionDoesNotAddUp {
        fi: "Kukin luku on yhdellä rivillä, mutta osallistumiskerrat eivät laske yhteen kokonaismäärään, {0}: osat ovat epätarkempia kuin kokonaismäärä, joten sen jäännös tiedetään vain rajoina.",
        sv: "Varje siffra står på en rad, men deltagartillfällena summeras inte till totalen, {0}: delarna är mindre exakta än totalen, så det som återstår av den är bara begränsat.",
        en: "Each figure in one row, but the attendances do not add up to the total, {0}: a total's parts are less exact than it, so what is left of it is only bounded."
    }
    /// Overlapping groups, none in two.
    OverlappingAddsUp {
        fi: "Luku lasketaan jokaiseen ryhmäänsä; tässä mikään ei ole kahdessa, joten rivit laskevat yhteen kokonaismäärään, {0}.",
        sv: "En siffra räknas i var och en av sina grupper; här finns ingen i två, så raderna summeras till totalen, {0}.",
        en: "A figure counts in each of its groups; here none is in two, so the rows add up to the total, {0}."
    }
    /// Overlapping groups.
    OverlappingDoesNotAddUp {
        fi: "Luku lasketaan jokaiseen ryhmäänsä, joten rivien summa voi olla suurempi kuin kokonaismäärä, jossa kukin lasketaan kerran: {0}.",
        sv: "En siffra räknas i var och en av sina grupper, så raderna kan summeras till mer än totalen, där var och en räknas en gång: {0}.",
        en: "A figure counts in each of its groups, so the rows may add up to more than the total, each counted once: {0}."
    }

    /// Title: assessments.
    Assessments { fi: "Arvioinnit", sv: "Utvärderingar", en: "Assessments" }
    /// Column: an assessment.
    Assessment { fi: "arviointi", sv: "utvärdering", en: "assessment" }
    /// Column: a source.
    Source { fi: "lähde", sv: "källa", en: "source" }
    /// Column: occasions.
    Occasions { fi: "kerrat", sv: "tillfällen", en: "occasions" }
    /// Column: judgements.
    Judgements { fi: "arviot", sv: "bedömningar", en: "judgements" }
    /// Title: judgements by project.
    JudgementsByProject { fi: "Arviot hankkeittain", sv: "Bedömningar per projekt", en: "Judgements by project" }
    /// Title: judgements by work package.
    JudgementsByWorkPackage { fi: "Arviot työpaketeittain", sv: "Bedömningar per arbetspaket", en: "Judgements by work package" }
    /// Title: judgements by assessment source.
    JudgementsBySource { fi: "Arviot arvioinnin lähteen mukaan", sv: "Bedömningar per utvärderingskälla", en: "Judgements by assessment source" }
    /// Title: objectives without a judgement.
    UnjudgedObjectives { fi: "Tavoitteet, joita mikään arviointi ei arvioi", sv: "Mål som ingen utvärdering bedömer", en: "Objectives no assessment judges" }
    /// Column: an objective.
    Objective { fi: "tavoite", sv: "mål", en: "objective" }
    /// Column: a statement.
    Statement { fi: "muotoilu", sv: "formulering", en: "statement" }

    /// Title: targets.
    TargetsAgainstActual { fi: "Tavoitearvot ja toteutuneet luvut", sv: "Målvärden mot faktiska siffror", en: "Targets against actual figures" }
    /// Column: a record.
    Record { fi: "tietue", sv: "post", en: "record" }
    /// Column: a kind.
    Kind { fi: "laji", sv: "typ", en: "kind" }
    /// Column: a target.
    Target { fi: "tavoitearvo", sv: "målvärde", en: "target" }
    /// Column: the actual figure.
    Actual { fi: "toteutunut", sv: "faktiskt", en: "actual" }
    /// Column: whether a target was met.
    Met { fi: "saavutettu", sv: "uppfyllt", en: "met" }
    /// A target whose actual figure cannot settle it.
    CannotSay { fi: "ei voi sanoa", sv: "går inte att säga", en: "cannot say" }
    /// Yes.
    Yes { fi: "kyllä", sv: "ja", en: "yes" }
    /// No.
    No { fi: "ei", sv: "nej", en: "no" }
    /// A target on an output.
    TargetOfOutput { fi: "tuotos", sv: "resultat", en: "output" }
    /// A target on a measure.
    TargetOfMeasure { fi: "mittari", sv: "mätare", en: "measure" }

    /// Title: outputs.
    OutputsByKindAndStatus { fi: "Tuotokset lajin ja tilan mukaan", sv: "Resultat per typ och status", en: "Outputs by kind and status" }
    /// Column: records.
    Records { fi: "tietueet", sv: "poster", en: "records" }
    /// Column: records without a count.
    WithoutCount { fi: "ilman lukumäärää", sv: "utan antal", en: "without a count" }
    /// Column: items.
    Items { fi: "kappaleet", sv: "stycken", en: "items" }
    /// Outputs counted as their parts.
    CountedAsParts { fi: "– (laskettu osinaan)", sv: "– (räknade som sina delar)", en: "– (counted as their parts)" }

    /// Title: participant groups.
    ParticipantGroups { fi: "Keitä osallistui: osallistujaryhmät", sv: "Vilka deltog: deltagargrupper", en: "Who took part, by participant group" }
    /// Column: a role.
    Role { fi: "rooli", sv: "roll", en: "role" }
    /// Column: events.
    Events { fi: "tapahtumat", sv: "evenemang", en: "events" }
    /// Column: events naming a group without a figure.
    NamedWithoutFigure { fi: "mainittu ilman lukua", sv: "nämnd utan siffra", en: "named without a figure" }
    /// Title: timelines.
    Timelines { fi: "Hakemuksesta työn alkuun", sv: "Från ansökan till arbetets start", en: "From application to the start of work" }
    /// Column: the application.
    Application { fi: "hakemus", sv: "ansökan", en: "application" }
    /// Column: the grant decision.
    GrantDecision { fi: "avustuspäätös", sv: "beslut om understöd", en: "grant decision" }
    /// Column: the start of work.
    StartOfWork { fi: "työn alku", sv: "arbetets start", en: "start of work" }
    /// Column: days to the decision.
    DaysToDecision { fi: "päiviä päätökseen", sv: "dagar till beslut", en: "days to decision" }
    /// Column: days to the start.
    DaysToStart { fi: "päiviä alkuun", sv: "dagar till start", en: "days to start" }
    /// Title: regional parts.
    RegionalPartsTitle { fi: "Alueelliset osat", sv: "Regionala delar", en: "Regional parts" }
    /// Column: regional parts.
    RegionalParts { fi: "alueelliset osat", sv: "regionala delar", en: "regional parts" }
    /// Column: a regional part.
    Part { fi: "osa", sv: "del", en: "part" }
    /// Column: counties.
    Counties { fi: "alueet", sv: "områden", en: "counties" }
    /// Column: sectors.
    Sectors { fi: "sektorit", sv: "sektorer", en: "sectors" }

    /// Title: money by project.
    MoneyByProject { fi: "Raha hankkeittain", sv: "Pengar per projekt", en: "Money by project" }
    /// Title: money by funder.
    MoneyByFunder { fi: "Raha rahoittajittain", sv: "Pengar per finansiär", en: "Money by funder" }
    /// Title: money by funding kind.
    MoneyByFundingKind { fi: "Raha rahoituslajeittain", sv: "Pengar per finansieringstyp", en: "Money by funding kind" }
    /// Title: money by implementer.
    MoneyByImplementer { fi: "Raha toteuttajittain", sv: "Pengar per genomförare", en: "Money by implementer" }
    /// Column: funding parts.
    Parts { fi: "osat", sv: "delar", en: "parts" }
    /// Column: an amount.
    Amount { fi: "summa", sv: "belopp", en: "amount" }

    /// Title: staffing.
    Staffing { fi: "Henkilöstö", sv: "Personal", en: "Staffing" }
    /// Column: an implementer.
    Implementer { fi: "toteuttaja", sv: "genomförare", en: "implementer" }
    /// Column: staffing entries.
    Entries { fi: "merkinnät", sv: "poster", en: "entries" }
    /// Column: posts.
    Posts { fi: "tehtävät", sv: "tjänster", en: "posts" }
    /// Column: full-time equivalents.
    FullTimeEquivalents { fi: "henkilötyövuodet", sv: "årsverken", en: "full-time equivalents" }
    /// Column: entries without a share of full time.
    WithoutShare { fi: "ilman osuutta", sv: "utan andel", en: "without share" }

    /// Browser page: its title.
    WebTitle { fi: "Hankeasiakirjojen tarkistus ja yhteenveto", sv: "Granska och sammanfatta projektdokument", en: "Check and summarise project documents" }
    /// Browser page: what happens to the files.
    WebPrivacy {
        fi: "Tiedostosi eivät lähde tältä tietokoneelta: sivu tarkistaa ne täällä selaimessasi eikä ota yhteyttä mihinkään palvelimeen.",
        sv: "Dina filer lämnar aldrig den här datorn: sidan granskar dem här, i din webbläsare, och kontaktar ingen server.",
        en: "Your files never leave this computer: the page checks them here, in your browser, and contacts no server."
    }
    /// Browser page: where to drop files.
    WebDrop {
        fi: "Pudota .json- tai .jsonl-tiedostoja tai kansio tähän tai valitse ne.",
        sv: "Släpp .json- eller .jsonl-filer eller en mapp här, eller välj dem.",
        en: "Drop .json or .jsonl files or a folder here, or choose them."
    }
    /// Browser page: the button choosing files.
    WebChooseFiles { fi: "Valitse tiedostot", sv: "Välj filer", en: "Choose files" }
    /// Browser page: the button choosing a folder.
    WebChooseFolder { fi: "Valitse kansio", sv: "Välj en mapp", en: "Choose a folder" }
    /// Browser page: progress.
    WebReading { fi: "Luetaan tiedostoja: {0}/{1}…", sv: "Läser filer: {0} av {1}…", en: "Reading files: {0} of {1}…" }
    /// Browser page: the problems' heading.
    WebProblems { fi: "Ongelmat", sv: "Problem", en: "Problems" }
    /// Browser page: the count of what was checked.
    WebChecked {
        fi: "{0} asiakirjaa tarkistettu: {1} virhettä, {2} varoitusta.",
        sv: "{0} dokument granskade: {1} fel, {2} varningar.",
        en: "{0} documents checked: {1} errors, {2} warnings."
    }
    /// Browser page: how many times a rule was broken.
    WebTimes { fi: "{0} kertaa", sv: "{0} gånger", en: "{0} times" }
    /// Browser page: more problems than shown.
    WebMore { fi: "ja {0} muuta: lataa koko luettelo", sv: "och {0} till: ladda ner hela listan", en: "and {0} more: download the whole list" }
    /// Browser page: an error.
    WebError { fi: "virhe", sv: "fel", en: "error" }
    /// Browser page: a warning.
    WebWarning { fi: "varoitus", sv: "varning", en: "warning" }
    /// Browser page: the report's heading.
    WebReport { fi: "Raportti", sv: "Rapport", en: "Report" }
    /// Browser page: the downloads' heading.
    WebDownloads { fi: "Lataa", sv: "Ladda ner", en: "Download" }
    /// Browser page: every problem as CSV.
    WebAllProblems { fi: "kaikki ongelmat (CSV)", sv: "alla problem (CSV)", en: "every problem (CSV)" }
    /// Browser page: the report as HTML.
    WebReportHtml { fi: "raportti (HTML)", sv: "rapporten (HTML)", en: "the report (HTML)" }
    /// Browser page: the report as JSON.
    WebReportJson { fi: "raportti (JSON)", sv: "rapporten (JSON)", en: "the report (JSON)" }
    /// Browser page: an export table as CSV.
    WebTable { fi: "taulukko {0} (CSV)", sv: "tabellen {0} (CSV)", en: "table {0} (CSV)" }
    /// Browser page: the language menu.
    WebLanguage { fi: "Kieli", sv: "Språk", en: "Language" }
    /// Browser page: start again.
    WebClear { fi: "Aloita alusta", sv: "Börja om", en: "Start again" }
    /// Browser page: a file the browser could not read.
    WebUnreadable { fi: "Tiedostoa {0} ei voitu lukea: {1}", sv: "Filen {0} kunde inte läsas: {1}", en: "The file {0} could not be read: {1}" }

    /// Heading of the derivations under a table.
    HowMade { fi: "Näin luvut laskettiin:", sv: "Så togs siffrorna fram:", en: "How the figures were made:" }
    /// Rule of a participation figure by a dimension: `{0}` is a value of
    /// the dimension ([`Phrase::DimensionTheme`] …).
    RulePlacedHere {
        fi: "tähän sijoitettujen lukujen summa: kukin lasketaan kerran; kokonaisluku, jonka osat ovat täydelliset, lasketaan osinaan, muu kokonaisluku osien ylittävänä jäännöksenä; kirjaus, josta puuttuu {0}, saa sen tapahtuman tiedon, jonka osa se on",
        sv: "summan av siffrorna som placerats här: var och en räknas en gång; en total vars delar är fullständiga räknas som sina delar, en vars delar inte är det som sin rest; en post som saknar {0} får uppgiften från det evenemang den ingår i",
        en: "sum of the figures placed here: each counted once; a total whose parts are complete is represented by its parts, one whose parts are not by its remainder; a record that states no {0} takes that of the event it is part of"
    }
    /// Rule of a project's meetings.
    RuleMeetings {
        fi: "pidettyjen tapahtumien tapaamisten (kokoontumisten) summa, pois lukien luvut, jotka ovat osa toista laskettua lukua",
        sv: "summan av de hållna evenemangens möten (träffar), utom siffror som ingår i en annan räknad siffra",
        en: "sum of the held events' meetings (sessions), leaving out figures that are part of another counted figure"
    }
    /// Rule of a project's attendances.
    RuleHeldFigures {
        fi: "pidettyjen tapahtumien lukujen summa, pois lukien luvut, jotka ovat osa toista laskettua lukua",
        sv: "summan av de hållna evenemangens siffror, utom siffror som ingår i en annan räknad siffra",
        en: "sum of the held events' figures, leaving out figures that are part of another counted figure"
    }
    /// Rule of the distinct people of several events.
    RuleDistinctOfSeveral {
        fi: "useiden tapahtumien eri henkilöt: vähintään suurin luku (lähteet eivät kerro, moniko osallistui useampaan kuin yhteen)",
        sv: "olika personer vid flera evenemang: minst den största siffran (källorna säger inte hur många som kom till fler än ett)",
        en: "distinct people of several events: at least the largest figure (the sources do not say how many came to more than one)"
    }
    /// Rule, added: figures that may overlap (`{0}`, a list of [`Phrase::MayOverlap`]).
    RuleOverlaps {
        fi: "vaihteluväli, jonka alaraja jättää pois sen, mikä voi olla päällekkäistä ({0})",
        sv: "ett intervall, vars nedre gräns utelämnar det som kan överlappa ({0})",
        en: "a range, the low end leaving out what may overlap ({0})"
    }
    /// One record that may overlap another.
    MayOverlap { fi: "{0} voi olla osin sama kuin {1}", sv: "{0} kan överlappa {1}", en: "{0} may overlap {1}" }
    /// Rule of a participant group's attendances.
    RuleGroupAttendances {
        fi: "ryhmän osallistumiskerrat pidetyissä tapahtumissa, pois lukien ne, jotka sisältyvät toisen tapahtuman lukuun samasta ryhmästä",
        sv: "gruppens deltagartillfällen vid hållna evenemang, utom de som ingår i ett annat evenemangs siffra för gruppen",
        en: "attendances of the group at held events, leaving out those inside another event's figure for the group"
    }
    /// Rule of a participant group's distinct people.
    RuleGroupDistinct {
        fi: "ryhmän eri henkilöt: useissa tapahtumissa vähintään suurin luku",
        sv: "gruppens olika personer: vid flera evenemang minst den största siffran",
        en: "distinct people of the group: over several events at least the largest figure"
    }
    /// Rule of a count of judgements.
    RuleJudgements { fi: "lasketut arviot", sv: "räknade bedömningar", en: "judgements counted" }
    /// Rule of a programme's budgets.
    RuleProgrammeBudgets {
        fi: "listattujen hankkeiden ilmoitettujen budjettien summa",
        sv: "summan av de listade projektens angivna budgetar",
        en: "sum of the budgets of the listed projects given"
    }
    /// Rule of a count of output items.
    RuleOutputItems {
        fi: "kappaleet: tuotosten lukumäärät, kirjaus ilman lukumäärää vähintään yhtenä kappaleena, pois lukien tuotokset, jotka ovat osa toista laskettua tuotosta, ja tuotokset, jotka lasketaan kirjattuina osinaan",
        sv: "stycken: resultatens antal, en post utan antal som minst ett stycke, utom resultat som ingår i ett annat räknat resultat och resultat som räknas som sina registrerade delar",
        en: "items: the outputs' counts, a record without a count as at least one item, leaving out outputs that are part of another counted output and outputs counted as their recorded parts"
    }
    /// Rule of money by project.
    RuleMoneyByProject {
        fi: "hankkeen rahoituksen osat ja jäännökset sekä niiden alueellisten osien osat, jotka tulevat sen budjetin päälle",
        sv: "projektets finansieringsdelar och rester, med de regionala delarnas som kommer utöver dess budget",
        en: "the project's funding parts and rests, with those of the regional parts that come on top of its budget"
    }
    /// Rule of money by funder.
    RuleMoneyByFunder {
        fi: "keneltä raha tulee: valtionavustuksen myöntäjä, muun osan maksajat",
        sv: "vem pengarna kommer från: statsunderstödets beviljare, betalarna av övriga delar",
        en: "who the money comes from: a state grant's funder, the payers of any other part"
    }
    /// Rule of money by implementer.
    RuleMoneyByImplementer {
        fi: "toteuttajan (tai toteuttajien yhdessä) maksamien osien summa",
        sv: "summan av de delar som genomföraren (eller genomförarna gemensamt) betalar",
        en: "sum of the parts the implementer (or implementers, jointly) pays"
    }
    /// Rule of money by funding kind.
    RuleMoneyByKind {
        fi: "tämän lajin rahoitusosien summa",
        sv: "summan av finansieringsdelarna av detta slag",
        en: "sum of the funding parts of this kind"
    }
    /// A record used, a total less its parts: `{0}` the total, `{1}` the
    /// parts, `{2}` what is left.
    RecordLessItsParts { fi: "{0} miinus osat {1} = {2}", sv: "{0} minus delarna {1} = {2}", en: "{0} less its parts {1} = {2}" }
    /// A record used that may lie within another figure.
    RecordMayLieWithin {
        fi: "(voi sisältyä toiseen lukuun: alkaen 0:sta)",
        sv: "(kan ingå i en annan siffra: från 0)",
        en: "(may lie within another figure: from 0)"
    }
    /// Funding not broken down into parts.
    RecordNotBrokenDown { fi: "ei jaettu osiin", sv: "inte uppdelad i delar", en: "not broken down into parts" }
    /// An output used that states no count.
    RecordNoCount { fi: "ei lukumäärää, vähintään yksi kappale", sv: "inget antal, minst ett stycke", en: "no count, at least one item" }
    /// An amount used (`{0}`), computed from a share (`{1}`) of a total (`{2}`).
    RecordShareOfTotal {
        fi: "{0}, laskettu osuudesta {1} kokonaissummasta {2}",
        sv: "{0}, beräknat från dess andel {1} av totalen {2}",
        en: "{0}, computed from its share {1} of the total {2}"
    }
    /// An amount used (`{0}`), computed as a total (`{1}`) less its parts.
    RecordRestOfTotal {
        fi: "{0}, laskettu kokonaissummasta {1} vähentämällä osien summat",
        sv: "{0}, beräknat som totalen {1} minus delarnas belopp",
        en: "{0}, computed as the total {1} less the parts' amounts"
    }
    /// A judgement used: the assessment `{0}` judges the objective `{1}` as `{2}`.
    RecordJudges { fi: "{0} arvioi tavoitteen {1}: {2}", sv: "{0} bedömer målet {1}: {2}", en: "{0} judges {1} {2}" }
    /// A project, in a rule.
    DimensionProject { fi: "hanke", sv: "projekt", en: "project" }
    /// A theme, in a rule.
    DimensionTheme { fi: "teema", sv: "tema", en: "theme" }
    /// An event kind, in a rule.
    DimensionEventKind { fi: "tapahtumalaji", sv: "evenemangstyp", en: "event kind" }
    /// A scope, in a rule.
    DimensionScope { fi: "laajuus", sv: "omfattning", en: "scope" }
    /// A county, in a rule.
    DimensionCounty { fi: "alue", sv: "område", en: "county" }
    /// A year, in a rule.
    DimensionYear { fi: "vuosi", sv: "år", en: "year" }
    /// A quarter, in a rule.
    DimensionQuarter { fi: "vuosineljännes", sv: "kvartal", en: "quarter" }
    /// A work package, in a rule.
    DimensionWorkPackage { fi: "työpaketti", sv: "arbetspaket", en: "work package" }
    /// What a derivation leaves out: `{0}`, a list of [`Phrase::LeftOutCount`].
    RecordsLeftOut { fi: "jätetty pois: {0}", sv: "utelämnade: {0}", en: "left out: {0}" }
    /// How many records (`{0}`) a derivation leaves out for one reason (`{1}`).
    LeftOutCount { fi: "{1} {0}", sv: "{1} {0}", en: "{0} {1}" }
    /// Left out: a cancelled event.
    OmittedCancelled { fi: "peruttu", sv: "inställt", en: "cancelled" }
    /// Left out: a planned event.
    OmittedPlanned { fi: "suunniteltu", sv: "planerat", en: "planned" }
    /// Left out: a record without a figure.
    OmittedNoFigure { fi: "ilman lukua", sv: "utan siffra", en: "no figure" }
    /// Left out: a total represented by its parts.
    OmittedRepresentedByItsParts { fi: "laskettu osinaan", sv: "räknat som sina delar", en: "represented by its parts" }
    /// Left out, counted: inside another figure.
    OmittedInsideAnother { fi: "toisen luvun sisällä", sv: "inom en annan siffra", en: "inside another figure" }
    /// Left out: inside the figure of the record `{0}`.
    OmittedInsideTheFigureOf { fi: "luvun {0} sisällä", sv: "inom siffran för {0}", en: "inside the figure of {0}" }
    /// Left out, counted: in a `part_of` cycle.
    OmittedInACycle { fi: "part_of-kehässä", sv: "i en part_of-cirkel", en: "in a part_of cycle" }
    /// Left out: in a `part_of` cycle.
    OmittedInACycleWhy {
        fi: "part_of-kehässä, toisen luvun sisällä",
        sv: "i en part_of-cirkel, inom en annan siffra",
        en: "in a part_of cycle, inside another figure"
    }
    /// Left out: a funding part without an amount.
    OmittedNoAmount { fi: "ilman summaa", sv: "utan belopp", en: "no amount" }
    /// Heading of the legend.
    HowToRead { fi: "Näin luet luvut", sv: "Så läser du siffrorna", en: "How to read the figures" }
    /// Legend: attendances and distinct people.
    LegendAttendances {
        fi: "osallistumiskerrat laskevat henkilön kerran jokaista tapahtumaa kohden; eri henkilöt kunkin henkilön kerran",
        sv: "deltagartillfällen räknar en person en gång per evenemang; olika personer räknar varje person en gång",
        en: "attendances count a person once for each event attended; distinct people, each person once"
    }
    /// Legend: exactness.
    LegendExactness {
        fi: "\"noin\" on luku, jonka lähde antaa likimääräisenä; \"vähintään\" ja \"enintään\" ovat rajoja",
        sv: "\"cirka\" är en siffra som källan anger ungefärligt; \"minst\" och \"högst\" är gränser",
        en: "\"about\" is a figure the source gives as approximate; \"at least\" and \"at most\" are bounds"
    }
    /// Legend: ranges.
    LegendRange {
        fi: "vaihteluväli kuten 963–1 363: luvut voivat mennä päällekkäin, alaraja laskee päällekkäisen osan kerran",
        sv: "ett intervall som 963–1 363: siffror som kan överlappa, den nedre gränsen räknar överlappet en gång",
        en: "a range such as 963–1 363: figures that may overlap, the low end counting the overlap once"
    }
    /// Legend: the dash.
    LegendDash {
        fi: "– on luku, jota lähteet eivät anna (ei koskaan nolla); \"ei tavoitteita kirjattu\" kertoo syyn",
        sv: "– är en siffra som källorna inte anger (aldrig noll); \"inga mål registrerade\" säger varför",
        en: "– is a figure the sources do not give (never zero); \"no objectives recorded\" says why"
    }
    /// Legend: counted once.
    LegendOnce {
        fi: "kukin luku lasketaan kerran: toisen luvun osaa ei lisätä uudelleen (docs/counting.md)",
        sv: "varje siffra räknas en gång: en som ingår i en annan läggs inte till igen (docs/counting.md)",
        en: "each figure is counted once: one that is part of another is not added again (docs/counting.md)"
    }
    /// Legend: derivations.
    LegendExplain {
        fi: "`--explain` luettelee kunkin luvun tietueet, niiden lähteet ja sen, mitä jätettiin pois",
        sv: "`--explain` listar varje siffras poster, deras källor och vad som utelämnades",
        en: "`--explain` lists each figure's records, their sources and what was left out"
    }

    /// The title of the HTML page.
    PageTitle {
        fi: "Lastensuojelun kehittämishankkeet: yhteenveto",
        sv: "Utvecklingsprojekt inom barnskyddet: sammanfattning",
        en: "Child-welfare development projects: summary"
    }
    /// The HTML page's list of sections.
    Contents { fi: "Sisällys", sv: "Innehåll", en: "Contents" }
    /// The attendances of all projects together.
    AllAttendances {
        fi: "Kaikkien hankkeiden tapahtumien osallistumiskerrat",
        sv: "Deltagartillfällen vid alla projekts evenemang",
        en: "Attendances at all projects' events"
    }
    /// The row of a table's total.
    Total { fi: "Yhteensä", sv: "Totalt", en: "Total" }
    /// Chart title: attendances by project.
    AttendancesByProject { fi: "Osallistumiskerrat hankkeittain", sv: "Deltagartillfällen per projekt", en: "Attendances by project" }
    /// Chart title: attendances by theme.
    AttendancesByTheme { fi: "Osallistumiskerrat teemoittain", sv: "Deltagartillfällen per tema", en: "Attendances by theme" }
    /// Chart title: attendances by county.
    AttendancesByCounty { fi: "Osallistumiskerrat alueittain", sv: "Deltagartillfällen per område", en: "Attendances by county" }
    /// Chart title: attendances by year.
    AttendancesByYear { fi: "Osallistumiskerrat vuosittain", sv: "Deltagartillfällen per år", en: "Attendances by year" }
    /// Chart legend: the solid part of a bar.
    ChartFigure { fi: "luku", sv: "siffra", en: "figure" }
    /// Chart legend: the hatched part of a bar.
    ChartRange { fi: "vaihteluväli ylärajaan asti", sv: "intervall upp till den övre gränsen", en: "range up to the high end" }
    /// Under a chart.
    ChartNote {
        fi: "Kaavion luvut ovat sen alla olevassa taulukossa.",
        sv: "Diagrammets siffror finns i tabellen under det.",
        en: "The figures of the chart are in the table under it."
    }
    /// Where a derivation's records are stated.
    Sources { fi: "Lähteet", sv: "Källor", en: "Sources" }
    /// Legend: how a chart draws ranges and ratings.
    LegendChart {
        fi: "kaaviossa palkki on yhtenäinen alarajaan asti ja viivoitettu ylärajaan asti; arvioiden osilla on kullakin oma kuvionsa ja lukunsa",
        sv: "i ett diagram är stapeln hel upp till den nedre gränsen och streckad upp till den övre; bedömningarnas delar har var sitt mönster och sin siffra",
        en: "in a chart, a bar is solid to the low end and hatched to the high end; the parts of the judgements each have a pattern and a figure of their own"
    }
}

/// The title of the participation table of `dimension`.
pub(crate) fn participation_title(dimension: crate::aggregate::Dimension) -> Phrase {
    use crate::aggregate::Dimension;
    match dimension {
        Dimension::Project => Phrase::ParticipationByProject,
        Dimension::Theme => Phrase::ParticipationByTheme,
        Dimension::EventKind => Phrase::ParticipationByEventKind,
        Dimension::Scope => Phrase::ParticipationByScope,
        Dimension::County => Phrase::ParticipationByCounty,
        Dimension::Year => Phrase::ParticipationByYear,
        Dimension::Quarter => Phrase::ParticipationByQuarter,
        Dimension::WorkPackage => Phrase::ParticipationByWorkPackage,
    }
}

/// A value of `dimension`, as a rule names it: "theme".
pub(crate) fn dimension_value(dimension: crate::aggregate::Dimension) -> Phrase {
    use crate::aggregate::Dimension;
    match dimension {
        Dimension::Project => Phrase::DimensionProject,
        Dimension::Theme => Phrase::DimensionTheme,
        Dimension::EventKind => Phrase::DimensionEventKind,
        Dimension::Scope => Phrase::DimensionScope,
        Dimension::County => Phrase::DimensionCounty,
        Dimension::Year => Phrase::DimensionYear,
        Dimension::Quarter => Phrase::DimensionQuarter,
        Dimension::WorkPackage => Phrase::DimensionWorkPackage,
    }
}

/// The title of the money table of `dimension`.
pub(crate) fn money_title(dimension: crate::aggregate::FundingDimension) -> Phrase {
    use crate::aggregate::FundingDimension;
    match dimension {
        FundingDimension::Project => Phrase::MoneyByProject,
        FundingDimension::Funder => Phrase::MoneyByFunder,
        FundingDimension::FundingKind => Phrase::MoneyByFundingKind,
        FundingDimension::Implementer => Phrase::MoneyByImplementer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> =
            text.match_indices('{').filter_map(|(i, _)| text[i..].split_once('}')).map(|(p, _)| p).collect();
        found.sort_unstable();
        found
    }

    /// A phrase lacking a translation, or one copied from English, fails here.
    #[test]
    fn every_phrase_is_translated_with_the_same_placeholders() {
        // Words that are the same in the languages (checked by a reader).
        let same_in_finnish: [Phrase; 0] = [];
        let same_in_swedish = [Phrase::Status, Phrase::PeriodColumn, Phrase::Budget];
        for phrase in Phrase::ALL {
            let en = phrase.text(Language::En);
            for language in [Language::Fi, Language::Sv] {
                let text = phrase.text(language);
                assert!(!text.trim().is_empty(), "{phrase:?} is empty in {language}");
                assert_eq!(placeholders(text), placeholders(en), "{phrase:?}: placeholders differ in {language}");
                let same = if language == Language::Fi { &same_in_finnish[..] } else { &same_in_swedish[..] };
                if !same.contains(phrase) {
                    assert_ne!(text, en, "{phrase:?} is English in {language}");
                }
            }
        }
    }

    #[test]
    fn fill_replaces_placeholders_and_keeps_other_braces() {
        assert_eq!(
            Phrase::Covers.fill(Language::En, &["3", "1"]),
            "Documents read: 3; documents that could not be read: 1."
        );
        assert_eq!(Phrase::Projects.fill(Language::Fi, &[]), "{0} hanketta");
    }
}
