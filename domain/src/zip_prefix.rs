//! Which state, territory or military post office a ZIP code belongs to, by the USPS prefix
//! table in `domain/data/zip_prefixes.csv` (its source and licence beside it). GeoNames names
//! the state of almost every ZIP code; this table answers for the rest: Census ZCTA points in
//! the territories, which carry no state, and the military APO/FPO codes, which have no place.
use std::sync::LazyLock;

/// The committed table itself; the importer hashes it with the ZIP files it shapes.
pub const TABLE: &str = include_str!("../data/zip_prefixes.csv");

/// Where a ZIP code's prefix puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipArea {
    /// A state, DC, a territory or a freely associated state (its USPS code).
    Place(&'static str),
    /// An Armed Forces code (APO/FPO/DPO: `AA`, `AE` or `AP`): mail is forwarded to wherever
    /// the unit is, so the code has no fixed place.
    Military,
}

struct Range {
    first: u32,
    last: u32,
    code: &'static str,
}

const MILITARY_CODES: [&str; 3] = ["AA", "AE", "AP"];

/// The table, parsed once. It is part of the build, so a malformed line is a bug caught by
/// this module's tests, not an input error.
static RANGES: LazyLock<Vec<Range>> = LazyLock::new(|| parse(TABLE).expect("zip_prefixes.csv is valid"));

fn parse(text: &'static str) -> Result<Vec<Range>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, "first_zip,last_zip,code")) => {}
        other => return Err(format!("unexpected header {other:?}")),
    }
    let mut out: Vec<Range> = Vec::new();
    for (index, line) in lines {
        let at = index + 1;
        let mut cells = line.split(',');
        let (Some(first), Some(last), Some(code), None) =
            (cells.next(), cells.next(), cells.next(), cells.next())
        else {
            return Err(format!("line {at}: expected three cells"));
        };
        let zip = |text: &str| -> Result<u32, String> {
            crate::Zip::parse(text).map_err(|_| format!("line {at}: '{text}' is not a ZIP code"))?;
            Ok(text.parse().expect("five digits"))
        };
        let range = Range { first: zip(first)?, last: zip(last)?, code };
        if range.first > range.last {
            return Err(format!("line {at}: range runs backwards"));
        }
        if out.last().is_some_and(|prev| prev.last >= range.first) {
            return Err(format!("line {at}: overlaps or is out of order"));
        }
        out.push(range);
    }
    Ok(out)
}

/// The area a ZIP code's prefix belongs to, or `None` for a prefix USPS has not assigned.
pub fn area_of(zip: &crate::Zip) -> Option<ZipArea> {
    let number: u32 = zip.as_str().parse().ok()?;
    let ranges = &*RANGES;
    let at = ranges.partition_point(|r| r.first <= number).checked_sub(1)?;
    let range = &ranges[at];
    (number <= range.last).then(|| {
        if MILITARY_CODES.contains(&range.code) { ZipArea::Military } else { ZipArea::Place(range.code) }
    })
}

/// True for an Armed Forces (APO/FPO/DPO) ZIP code.
pub fn is_military(zip: &crate::Zip) -> bool {
    area_of(zip) == Some(ZipArea::Military)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Zip;

    fn area(zip: &str) -> Option<ZipArea> {
        area_of(&Zip::parse(zip).unwrap())
    }

    #[test]
    fn the_committed_table_parses() {
        assert!(parse(TABLE).unwrap().len() > 70);
    }

    #[test]
    fn territories_and_shared_prefixes() {
        assert_eq!(area("00901"), Some(ZipArea::Place("PR")), "San Juan");
        assert_eq!(area("00802"), Some(ZipArea::Place("VI")), "St. Thomas");
        assert_eq!(area("96910"), Some(ZipArea::Place("GU")), "Guam");
        assert_eq!(area("96950"), Some(ZipArea::Place("MP")), "Saipan");
        assert_eq!(area("96799"), Some(ZipArea::Place("AS")), "Pago Pago");
        assert_eq!(area("96798"), Some(ZipArea::Place("HI")));
        assert_eq!(area("96960"), Some(ZipArea::Place("MH")));
        assert_eq!(area("96940"), Some(ZipArea::Place("PW")));
        assert_eq!(area("48201"), Some(ZipArea::Place("MI")));
        assert_eq!(area("99950"), Some(ZipArea::Place("AK")));
    }

    #[test]
    fn military_codes_and_unassigned_prefixes() {
        for zip in ["09001", "09873", "34001", "96201", "96601"] {
            assert_eq!(area(zip), Some(ZipArea::Military), "{zip}");
            assert!(is_military(&Zip::parse(zip).unwrap()));
        }
        for zip in ["00001", "00499", "09901", "71501", "96933", "96999"] {
            assert_eq!(area(zip), None, "{zip} is not assigned");
        }
    }

    #[test]
    fn malformed_tables_are_refused() {
        assert!(parse("zip,state\n").is_err());
        assert!(parse("first_zip,last_zip,code\n00500,00400,NY\n").is_err());
        assert!(parse("first_zip,last_zip,code\n00500,00599,NY\n00550,00699,PR\n").is_err());
        assert!(parse("first_zip,last_zip,code\n005,00599,NY\n").is_err());
    }
}
