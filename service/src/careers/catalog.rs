//! The career paths: the reviewed TOML files of `careers/`, embedded at build time and
//! checked once. Embedding (rather than reading a folder at run time) means a deployed
//! binary can never serve paths other than the ones its tests checked.
use std::sync::LazyLock;

use domain::{
    ProgramKind,
    careers::{AseTest, Band, CareerPath, CareerStep, Occupation, Training},
    insights::Role,
};
use serde::Deserialize;

use crate::needs::markdown::to_safe_html;

/// The data files, in the order `/careers` lists them.
pub const FILES: &[(&str, &str)] = &[
    ("careers/automotive-service.toml", include_str!("../../../careers/automotive-service.toml")),
    ("careers/diesel-heavy-truck.toml", include_str!("../../../careers/diesel-heavy-truck.toml")),
    ("careers/collision-repair.toml", include_str!("../../../careers/collision-repair.toml")),
    ("careers/ev-hybrid-adas.toml", include_str!("../../../careers/ev-hybrid-adas.toml")),
    ("careers/service-advising.toml", include_str!("../../../careers/service-advising.toml")),
];

/// A file that cannot be used, named with the step when the problem is in one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct CatalogError {
    pub file: String,
    pub message: String,
}

/// Every path, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    pub paths: Vec<CareerPath>,
}

impl Catalog {
    pub fn get(&self, slug: &str) -> Option<&CareerPath> {
        self.paths.iter().find(|p| p.slug == slug)
    }

    /// Parses and checks files given as (name, text).
    pub fn parse(files: &[(&str, &str)]) -> Result<Self, CatalogError> {
        let mut paths: Vec<CareerPath> = Vec::new();
        for (file, text) in files {
            let fail = |message: String| CatalogError { file: file.to_string(), message };
            let raw: RawPath = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
            let path = raw.check().map_err(fail)?;
            if paths.iter().any(|p| p.slug == path.slug) {
                return Err(fail(format!("path slug '{}' is used by another file", path.slug)));
            }
            paths.push(path);
        }
        Ok(Self { paths })
    }
}

static CATALOG: LazyLock<Result<Catalog, CatalogError>> = LazyLock::new(|| Catalog::parse(FILES));

/// The embedded paths. The server calls this at start and refuses to start on an error,
/// so pages only ever meet `Ok`.
pub fn catalog() -> Result<&'static Catalog, &'static CatalogError> {
    CATALOG.as_ref()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPath {
    slug: String,
    title: String,
    summary: String,
    program_kinds: Vec<String>,
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    slug: String,
    title: String,
    work: String,
    time_to_reach: String,
    training: Vec<String>,
    #[serde(default)]
    training_note: String,
    ase: Vec<String>,
    occupation: Option<String>,
    band: Option<String>,
    #[serde(default)]
    band_note: String,
    role: Option<String>,
}

/// Slugs appear in URLs: lower-case letters, digits and single hyphens.
fn check_slug(what: &str, slug: &str) -> Result<(), String> {
    let ok = !slug.is_empty()
        && slug.len() <= 40
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(())
    } else {
        Err(format!("{what} slug '{slug}' must be lower-case letters, digits and hyphens"))
    }
}

fn required(what: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() { Err(format!("{what} is empty")) } else { Ok(text.to_string()) }
}

impl RawPath {
    fn check(self) -> Result<CareerPath, String> {
        check_slug("path", &self.slug)?;
        let title = required("title", &self.title)?;
        let summary = required("summary", &self.summary)?;
        if self.program_kinds.is_empty() {
            return Err("program_kinds is empty: name the program kinds that train for this path".into());
        }
        let program_kinds = self
            .program_kinds
            .iter()
            .map(|k| {
                ProgramKind::from_slug(k).ok_or_else(|| {
                    format!("unknown program kind '{k}' (use auto, diesel, collision or heavy_truck)")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if self.steps.len() < 2 {
            return Err("a path needs at least two steps".into());
        }
        let mut steps: Vec<CareerStep> = Vec::new();
        for raw in self.steps {
            let slug = raw.slug.clone();
            let step = raw.check().map_err(|e| format!("step '{slug}': {e}"))?;
            if steps.iter().any(|s| s.slug == step.slug) {
                return Err(format!("step slug '{slug}' appears twice"));
            }
            // A ladder whose next rung shows the same pay range must say why, or readers take
            // the repeated figure for a mistake.
            if let (Some(before), Some((occupation, band))) = (steps.last(), step.wage)
                && before.wage == step.wage
                && step.band_note.is_empty()
            {
                return Err(format!(
                    "steps '{}' and '{slug}' both sit in the {} band of {}: give '{slug}' another band, \
                     or a band_note saying why their pay coincides",
                    before.slug,
                    band.slug(),
                    occupation.slug()
                ));
            }
            steps.push(step);
        }
        Ok(CareerPath { slug: self.slug, title, summary_html: to_safe_html(&summary), program_kinds, steps })
    }
}

impl RawStep {
    fn check(self) -> Result<CareerStep, String> {
        check_slug("step", &self.slug)?;
        // `/careers/{path}/print` is the printable summary, so no step may take that name.
        if self.slug == "print" {
            return Err("'print' is reserved for the printable summary".into());
        }
        let ase = self
            .ase
            .iter()
            .map(|code| {
                AseTest::from_slug(code).ok_or_else(|| {
                    format!(
                        "unknown ASE certification '{code}' (known: {})",
                        AseTest::ALL.iter().map(|t| t.slug()).collect::<Vec<_>>().join(", ")
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let training = self
            .training
            .iter()
            .map(|t| Training::from_slug(t).ok_or_else(|| format!("unknown training '{t}'")))
            .collect::<Result<Vec<_>, _>>()?;
        if training.is_empty() {
            return Err("training is empty".into());
        }
        let occupation = self
            .occupation
            .as_deref()
            .map(|code| {
                Occupation::from_slug(code).ok_or_else(|| {
                    format!(
                        "unknown occupation code '{code}': Bayline's BLS OEWS extract has {}",
                        Occupation::ALL.iter().map(|o| o.slug()).collect::<Vec<_>>().join(", ")
                    )
                })
            })
            .transpose()?;
        let band = self
            .band
            .as_deref()
            .map(|b| Band::from_slug(b).ok_or_else(|| format!("unknown band '{b}'")))
            .transpose()?;
        let wage = match (occupation, band) {
            (Some(occupation), Some(band)) => Some((occupation, band)),
            (None, None) => None,
            (Some(_), None) => return Err("an occupation needs a band".into()),
            (None, Some(_)) => return Err("a band needs an occupation".into()),
        };
        let role = self
            .role
            .as_deref()
            .map(|r| Role::from_slug(r).ok_or_else(|| format!("unknown Industry Data Exchange role '{r}'")))
            .transpose()?;
        // The Exchange's role and the step must describe the same BLS occupation (or both
        // none), or the two figures beside each other would be about different jobs.
        if let Some(role) = role
            && role.soc() != occupation.map(|o| o.slug())
        {
            return Err(format!(
                "role '{}' matches occupation {}, not the step's {}",
                role.slug(),
                role.soc().unwrap_or("none"),
                occupation.map(|o| o.slug()).unwrap_or("none")
            ));
        }
        Ok(CareerStep {
            title: required("title", &self.title)?,
            work_html: to_safe_html(&required("work", &self.work)?),
            time_to_reach: required("time_to_reach", &self.time_to_reach)?,
            training,
            training_note: self.training_note.trim().to_string(),
            ase,
            wage,
            band_note: self.band_note.trim().to_string(),
            role,
            slug: self.slug,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_paths_are_valid() {
        let catalog = catalog().expect("careers/*.toml are valid");
        assert_eq!(catalog.paths.len(), FILES.len());
        for path in &catalog.paths {
            assert!(path.steps.len() >= 2, "{}", path.slug);
        }
        let auto = catalog.get("automotive-service").unwrap();
        assert_eq!(auto.steps[0].slug, "lube-express");
        assert_eq!(auto.steps[0].wage, Some((Occupation::AutomotiveTechnicians, Band::Entry)));
        assert!(catalog.get("diesel-heavy-truck").unwrap().program_kinds.contains(&ProgramKind::HeavyTruck));
    }

    /// The shipped automotive file with one line replaced.
    fn broken(from: &str, to: &str) -> CatalogError {
        let (name, text) = FILES[0];
        assert!(text.contains(from), "{from}");
        Catalog::parse(&[(name, &text.replacen(from, to, 1))]).unwrap_err()
    }

    #[test]
    fn two_steps_in_one_pay_band_must_say_why() {
        let (name, text) = FILES[0];
        let without_note: String =
            text.lines().filter(|l| !l.starts_with("band_note")).collect::<Vec<_>>().join("\n");
        assert_ne!(without_note.len(), text.len(), "the automotive ladder has a band note");
        let e = Catalog::parse(&[(name, &without_note)]).unwrap_err();
        assert!(e.message.contains("steps 'lube-express' and 'entry-level-technician'"), "{e}");
        assert!(e.message.contains("band_note"), "{e}");
        // Every shipped ladder passes: no two neighbouring steps repeat a range unexplained.
        let catalog = Catalog::parse(FILES).unwrap();
        let entry = catalog
            .get("automotive-service")
            .unwrap()
            .steps
            .iter()
            .find(|s| s.slug == "entry-level-technician");
        assert!(entry.unwrap().band_note.contains("BLS publishes one occupation"));
    }

    #[test]
    fn a_broken_reference_is_an_error_naming_file_and_step() {
        let e = broken(r#"ase = ["G1", "A5", "A4"]"#, r#"ase = ["G1", "A10", "A4"]"#);
        assert_eq!(e.file, "careers/automotive-service.toml");
        assert!(e.message.contains("step 'entry-level-technician'"), "{e}");
        assert!(e.message.contains("unknown ASE certification 'A10'"), "{e}");

        let e = broken(r#"occupation = "49-3023""#, r#"occupation = "49-1011""#);
        assert!(e.message.contains("unknown occupation code '49-1011'"), "{e}");

        let e = broken(r#"program_kinds = ["auto"]"#, r#"program_kinds = ["boats"]"#);
        assert!(e.message.contains("unknown program kind 'boats'"), "{e}");

        let e = broken(r#"role = "lube_express""#, r#"role = "pilot""#);
        assert!(e.message.contains("unknown Industry Data Exchange role 'pilot'"), "{e}");
    }

    #[test]
    fn inconsistent_steps_are_errors() {
        let e = broken(r#"role = "lube_express""#, r#"role = "diesel""#);
        assert!(e.message.contains("role 'diesel' matches occupation 49-3031"), "{e}");
        let e = broken(r#"band = "p10-p25""#, "");
        assert!(e.message.contains("an occupation needs a band"), "{e}");
        let e = broken(r#"slug = "entry-level-technician""#, r#"slug = "lube-express""#);
        assert!(e.message.contains("appears twice"), "{e}");
        let e = broken(r#"slug = "entry-level-technician""#, r#"slug = "print""#);
        assert!(e.message.contains("reserved"), "{e}");
        let e = broken(r#"slug = "entry-level-technician""#, r#"slug = "Entry Level""#);
        assert!(e.message.contains("lower-case"), "{e}");
        let e = broken("time_to_reach", "time_to_reech");
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn a_path_slug_is_used_once() {
        let (name, text) = FILES[0];
        let e = Catalog::parse(&[(name, text), ("careers/copy.toml", text)]).unwrap_err();
        assert_eq!(e.file, "careers/copy.toml");
    }

    #[test]
    fn markdown_is_rendered_and_cleaned() {
        let auto = catalog().unwrap().get("automotive-service").unwrap();
        assert!(auto.steps[0].work_html.contains("<strong>multi-point inspections</strong>"));
    }
}
