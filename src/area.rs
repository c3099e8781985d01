//! Where projects work: Finland's wellbeing services counties (with the
//! City of Helsinki and HUS) and the five collaborative areas.

use crate::code_list::code_list;

code_list! {
    /// The five collaborative areas (*yhteistyöalue*, YTA) of health and
    /// social services, per Government Decree 91/2022.
    ///
    /// ```
    /// use childwelfare::{CollaborativeArea, County, Language};
    ///
    /// let east = CollaborativeArea::EasternFinland;
    /// assert_eq!(east.label(Language::Fi), "Itä-Suomen yhteistyöalue");
    /// assert_eq!(east.members(), [County::EtelaSavo, County::KeskiSuomi, County::PohjoisKarjala, County::PohjoisSavo]);
    /// ```
    pub enum CollaborativeArea ("collaborative area") {
        /// Etelä-Suomen yhteistyöalue.
        SouthernFinland = "southern_finland" { fi: "Etelä-Suomen yhteistyöalue", sv: "Södra Finlands samarbetsområde", en: "Southern Finland collaborative area" },
        /// Itä-Suomen yhteistyöalue.
        EasternFinland = "eastern_finland" { fi: "Itä-Suomen yhteistyöalue", sv: "Östra Finlands samarbetsområde", en: "Eastern Finland collaborative area" },
        /// Sisä-Suomen yhteistyöalue.
        InnerFinland = "inner_finland" { fi: "Sisä-Suomen yhteistyöalue", sv: "Inre Finlands samarbetsområde", en: "Inner Finland collaborative area" },
        /// Länsi-Suomen yhteistyöalue.
        WesternFinland = "western_finland" { fi: "Länsi-Suomen yhteistyöalue", sv: "Västra Finlands samarbetsområde", en: "Western Finland collaborative area" },
        /// Pohjois-Suomen yhteistyöalue.
        NorthernFinland = "northern_finland" { fi: "Pohjois-Suomen yhteistyöalue", sv: "Norra Finlands samarbetsområde", en: "Northern Finland collaborative area" },
    }
}

impl CollaborativeArea {
    /// The counties (and, in the south, Helsinki and HUS) that belong to the area.
    pub fn members(self) -> Vec<County> {
        County::ALL.iter().copied().filter(|county| county.collaborative_area() == self).collect()
    }
}

code_list! {
    /// A wellbeing services county (*hyvinvointialue*), or the City of
    /// Helsinki or HUS, which arrange these services themselves (Government
    /// Decree 91/2022, in force 1.3.2022).
    pub enum County ("county") {
        /// Etelä-Karjalan hyvinvointialue.
        EtelaKarjala = "etela_karjala" { fi: "Etelä-Karjala", sv: "Södra Karelen", en: "South Karelia" },
        /// The City of Helsinki (not a county; it arranges the services itself).
        Helsinki = "helsinki" { fi: "Helsingin kaupunki", sv: "Helsingfors stad", en: "City of Helsinki" },
        /// HUS, the joint authority for specialised healthcare in Uusimaa.
        Hus = "hus" { fi: "HUS-yhtymä", sv: "HUS-sammanslutningen", en: "HUS Group" },
        /// Itä-Uudenmaan hyvinvointialue.
        ItaUusimaa = "ita_uusimaa" { fi: "Itä-Uusimaa", sv: "Östra Nyland", en: "East Uusimaa" },
        /// Keski-Uudenmaan hyvinvointialue.
        KeskiUusimaa = "keski_uusimaa" { fi: "Keski-Uusimaa", sv: "Mellersta Nyland", en: "Central Uusimaa" },
        /// Kymenlaakson hyvinvointialue.
        Kymenlaakso = "kymenlaakso" { fi: "Kymenlaakso", sv: "Kymmenedalen", en: "Kymenlaakso" },
        /// Länsi-Uudenmaan hyvinvointialue.
        LansiUusimaa = "lansi_uusimaa" { fi: "Länsi-Uusimaa", sv: "Västra Nyland", en: "West Uusimaa" },
        /// Päijät-Hämeen hyvinvointialue.
        PaijatHame = "paijat_hame" { fi: "Päijät-Häme", sv: "Päijänne-Tavastland", en: "Päijät-Häme" },
        /// Vantaan ja Keravan hyvinvointialue.
        VantaaKerava = "vantaa_kerava" { fi: "Vantaa ja Kerava", sv: "Vanda och Kervo", en: "Vantaa and Kerava" },
        /// Etelä-Savon hyvinvointialue.
        EtelaSavo = "etela_savo" { fi: "Etelä-Savo", sv: "Södra Savolax", en: "South Savo" },
        /// Keski-Suomen hyvinvointialue.
        KeskiSuomi = "keski_suomi" { fi: "Keski-Suomi", sv: "Mellersta Finland", en: "Central Finland" },
        /// Pohjois-Karjalan hyvinvointialue.
        PohjoisKarjala = "pohjois_karjala" { fi: "Pohjois-Karjala", sv: "Norra Karelen", en: "North Karelia" },
        /// Pohjois-Savon hyvinvointialue.
        PohjoisSavo = "pohjois_savo" { fi: "Pohjois-Savo", sv: "Norra Savolax", en: "North Savo" },
        /// Etelä-Pohjanmaan hyvinvointialue.
        EtelaPohjanmaa = "etela_pohjanmaa" { fi: "Etelä-Pohjanmaa", sv: "Södra Österbotten", en: "South Ostrobothnia" },
        /// Kanta-Hämeen hyvinvointialue.
        KantaHame = "kanta_hame" { fi: "Kanta-Häme", sv: "Egentliga Tavastland", en: "Kanta-Häme" },
        /// Pirkanmaan hyvinvointialue.
        Pirkanmaa = "pirkanmaa" { fi: "Pirkanmaa", sv: "Birkaland", en: "Pirkanmaa" },
        /// Pohjanmaan hyvinvointialue.
        Pohjanmaa = "pohjanmaa" { fi: "Pohjanmaa", sv: "Österbotten", en: "Ostrobothnia" },
        /// Satakunnan hyvinvointialue.
        Satakunta = "satakunta" { fi: "Satakunta", sv: "Satakunta", en: "Satakunta" },
        /// Varsinais-Suomen hyvinvointialue.
        VarsinaisSuomi = "varsinais_suomi" { fi: "Varsinais-Suomi", sv: "Egentliga Finland", en: "Southwest Finland" },
        /// Kainuun hyvinvointialue.
        Kainuu = "kainuu" { fi: "Kainuu", sv: "Kajanaland", en: "Kainuu" },
        /// Keski-Pohjanmaan hyvinvointialue.
        KeskiPohjanmaa = "keski_pohjanmaa" { fi: "Keski-Pohjanmaa", sv: "Mellersta Österbotten", en: "Central Ostrobothnia" },
        /// Lapin hyvinvointialue.
        Lappi = "lappi" { fi: "Lappi", sv: "Lappland", en: "Lapland" },
        /// Pohjois-Pohjanmaan hyvinvointialue.
        PohjoisPohjanmaa = "pohjois_pohjanmaa" { fi: "Pohjois-Pohjanmaa", sv: "Norra Österbotten", en: "North Ostrobothnia" },
    }
}

impl County {
    /// The collaborative area the county (or Helsinki, or HUS) belongs to.
    pub const fn collaborative_area(self) -> CollaborativeArea {
        use County::*;
        match self {
            EtelaKarjala | Helsinki | Hus | ItaUusimaa | KeskiUusimaa | Kymenlaakso | LansiUusimaa | PaijatHame
            | VantaaKerava => CollaborativeArea::SouthernFinland,
            EtelaSavo | KeskiSuomi | PohjoisKarjala | PohjoisSavo => CollaborativeArea::EasternFinland,
            EtelaPohjanmaa | KantaHame | Pirkanmaa => CollaborativeArea::InnerFinland,
            Pohjanmaa | Satakunta | VarsinaisSuomi => CollaborativeArea::WesternFinland,
            Kainuu | KeskiPohjanmaa | Lappi | PohjoisPohjanmaa => CollaborativeArea::NorthernFinland,
        }
    }

    /// Whether this is a wellbeing services county proper (not Helsinki or HUS).
    pub const fn is_wellbeing_services_county(self) -> bool {
        !matches!(self, County::Helsinki | County::Hus)
    }
}
