//! Code lists for what work is about: themes and service sectors.

use crate::code_list::code_list;

code_list! {
    /// A theme of development work, events and outputs. The programme's
    /// shared themes are systemic practice, client participation and
    /// dialogue; the seed reports group participation figures by theme.
    pub enum Theme ("theme") {
        /// The systemic practice model and systemic thinking (*systeemisyys*).
        SystemicPractice = "systemic_practice" { fi: "systeeminen toimintamalli", sv: "systemisk praxismodell", en: "systemic practice" },
        /// Client participation (*asiakasosallisuus*, *osallisuus*).
        ClientParticipation = "client_participation" { fi: "asiakasosallisuus", sv: "klientdelaktighet", en: "client participation" },
        /// Experts by experience (*kokemusasiantuntijuus*).
        ExpertsByExperience = "experts_by_experience" { fi: "kokemusasiantuntijuus", sv: "erfarenhetsexpertis", en: "experts by experience" },
        /// Dialogue and dialogic working (*dialogisuus*).
        Dialogue = "dialogue" { fi: "dialogisuus", sv: "dialogiskhet", en: "dialogue" },
        /// Multi-sectoral and multi-agency working (*monialaisuus, monitoimijaisuus*).
        MultiAgencyWorking = "multi_agency_working" { fi: "monialaisuus ja monitoimijaisuus", sv: "sektors- och aktörsövergripande arbete", en: "multi-agency working" },
        /// Service needs assessment (*palvelutarpeen arviointi*).
        ServiceNeedsAssessment = "service_needs_assessment" { fi: "palvelutarpeen arviointi", sv: "bedömning av servicebehov", en: "service needs assessment" },
        /// The starting points and principles of child protection.
        ChildProtectionPrinciples = "child_protection_principles" { fi: "lastensuojelun lähtökohdat ja perusperiaatteet", sv: "barnskyddets utgångspunkter och principer", en: "principles of child protection" },
        /// Trauma awareness (*traumatietoisuus*).
        TraumaAwareness = "trauma_awareness" { fi: "traumatietoisuus", sv: "traumamedvetenhet", en: "trauma awareness" },
        /// Support for schooling of children in substitute care.
        SchoolingSupport = "schooling_support" { fi: "koulunkäynnin tuki", sv: "stöd för skolgång", en: "schooling support" },
        /// Children's mental wellbeing.
        MentalWellbeing = "mental_wellbeing" { fi: "lapsen mielen hyvinvointi", sv: "barns psykiska välbefinnande", en: "mental wellbeing" },
        /// Legislation on cooperation, assessment and information exchange.
        Legislation = "legislation" { fi: "lainsäädäntö", sv: "lagstiftning", en: "legislation" },
        /// Leadership and management of the work.
        Leadership = "leadership" { fi: "johtaminen", sv: "ledarskap", en: "leadership" },
        /// Substance-abuse services (*päihdepalvelut*).
        SubstanceAbuse = "substance_abuse" { fi: "päihdepalvelut", sv: "missbrukarvård", en: "substance-abuse services" },
        /// Outreach support (*jalkautuva tuki*).
        OutreachSupport = "outreach_support" { fi: "jalkautuva tuki", sv: "uppsökande stöd", en: "outreach support" },
        /// Services in Swedish in bilingual areas.
        SwedishLanguageServices = "swedish_language_services" { fi: "ruotsinkieliset palvelut", sv: "svenskspråkiga tjänster", en: "Swedish-language services" },
        /// Substitute care (*sijaishuolto*).
        SubstituteCare = "substitute_care" { fi: "sijaishuolto", sv: "vård utom hemmet", en: "substitute care" },
        /// Therapeutic dialogue.
        TherapeuticDialogue = "therapeutic_dialogue" { fi: "terapeuttinen dialogi", sv: "terapeutisk dialog", en: "therapeutic dialogue" },
        /// Non-violent resistance (NVR) parenting.
        NonViolentResistance = "non_violent_resistance" { fi: "NVR (väkivallaton vastarinta)", sv: "NVR (icke-våldsamt motstånd)", en: "non-violent resistance (NVR)" },
        /// Communications.
        Communications = "communications" { fi: "viestintä", sv: "kommunikation", en: "communications" },
    }
}

code_list! {
    /// A service sector taking part in multi-agency work.
    pub enum ServiceSector ("service sector") {
        /// Child protection (*lastensuojelu*).
        ChildProtection = "child_protection" { fi: "lastensuojelu", sv: "barnskydd", en: "child protection" },
        /// Family social work (*perhesosiaalityö*).
        FamilySocialWork = "family_social_work" { fi: "perhesosiaalityö", sv: "familjesocialt arbete", en: "family social work" },
        /// Aftercare (*jälkihuolto*).
        Aftercare = "aftercare" { fi: "jälkihuolto", sv: "eftervård", en: "aftercare" },
        /// Substitute care (*sijaishuolto*).
        SubstituteCare = "substitute_care" { fi: "sijaishuolto", sv: "vård utom hemmet", en: "substitute care" },
        /// Social welfare in general (*sosiaalihuolto*).
        SocialWelfare = "social_welfare" { fi: "sosiaalihuolto", sv: "socialvård", en: "social welfare" },
        /// Services for families with children (*lapsiperheiden palvelut*).
        FamilyServices = "family_services" { fi: "lapsiperheiden palvelut", sv: "tjänster för barnfamiljer", en: "services for families with children" },
        /// Substance-abuse services (*päihdepalvelut*).
        SubstanceAbuseServices = "substance_abuse_services" { fi: "päihdepalvelut", sv: "missbrukarvård", en: "substance-abuse services" },
        /// Mental-health services (*mielenterveyspalvelut*).
        MentalHealthServices = "mental_health_services" { fi: "mielenterveyspalvelut", sv: "mentalvårdstjänster", en: "mental-health services" },
        /// Education services (*sivistystoimi*).
        EducationServices = "education_services" { fi: "sivistystoimi", sv: "bildningsväsende", en: "education services" },
        /// Pupil welfare (*oppilashuolto*).
        PupilWelfare = "pupil_welfare" { fi: "oppilashuolto", sv: "elevvård", en: "pupil welfare" },
        /// Specialised healthcare (*erikoissairaanhoito*).
        SpecialisedHealthcare = "specialised_healthcare" { fi: "erikoissairaanhoito", sv: "specialiserad sjukvård", en: "specialised healthcare" },
        /// Child and adolescent psychiatry (*lasten- ja nuorisopsykiatria*).
        ChildAndAdolescentPsychiatry = "child_and_adolescent_psychiatry" { fi: "lasten- ja nuorisopsykiatria", sv: "barn- och ungdomspsykiatri", en: "child and adolescent psychiatry" },
        /// Family therapy (*perheterapia*).
        FamilyTherapy = "family_therapy" { fi: "perheterapia", sv: "familjeterapi", en: "family therapy" },
        /// Disability services (*vammaispalvelut*) (since 1.1).
        DisabilityServices = "disability_services" { fi: "vammaispalvelut", sv: "funktionshinderservice", en: "disability services" },
        /// Adult social work (*aikuissosiaalityö*) (since 1.1).
        AdultSocialWork = "adult_social_work" { fi: "aikuissosiaalityö", sv: "socialt arbete för vuxna", en: "adult social work" },
        /// Child guidance and family counselling (*kasvatus- ja perheneuvonta*) (since 1.1).
        FamilyCounselling = "family_counselling" { fi: "kasvatus- ja perheneuvonta", sv: "uppfostrings- och familjerådgivning", en: "child guidance and family counselling" },
        /// Child health clinics (*lastenneuvola*) (since 1.1).
        ChildHealthClinics = "child_health_clinics" { fi: "lastenneuvola", sv: "barnrådgivning", en: "child health clinics" },
        /// Family centres (*perhekeskus*) (since 1.1).
        FamilyCentres = "family_centres" { fi: "perhekeskus", sv: "familjecenter", en: "family centres" },
        /// Early childhood education and care (*varhaiskasvatus*) (since 1.1).
        EarlyChildhoodEducation = "early_childhood_education" { fi: "varhaiskasvatus", sv: "småbarnspedagogik", en: "early childhood education and care" },
        /// Youth services and youth work (*nuorisopalvelut*) (since 1.1).
        YouthServices = "youth_services" { fi: "nuorisopalvelut", sv: "ungdomstjänster", en: "youth services" },
        /// The police (*poliisi*) (since 1.1).
        Police = "police" { fi: "poliisi", sv: "polisen", en: "police" },
        /// Basic education (*perusopetus*), the schools (since 1.2).
        BasicEducation = "basic_education" { fi: "perusopetus", sv: "grundläggande utbildning", en: "basic education" },
        /// Health care (*terveydenhuolto*) other than specialised healthcare (since 1.2).
        HealthCare = "health_care" { fi: "terveydenhuolto", sv: "hälso- och sjukvård", en: "health care" },
    }
}
