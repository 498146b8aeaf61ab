import { expect, test } from "@playwright/test";
import { resolve } from "node:path";
import { address, linkFor, signIn, signInAsNewAdmin, signOut, signUp } from "./people";
import { dataDir, noJs, readCsv } from "./support";

// Shops, program claims and high-school programs, with JavaScript on and off. People are
// SYNTHETIC; institutions are real IPEDS rows, each project claiming different ones.

/** Real IPEDS programs with a website, two per project so the projects never collide. */
function institutionsForThisProject(): { unitid: string; name: string; domain: string }[] {
  const rows = readCsv(resolve(dataDir, "ipeds/automotive_programs.csv")).filter((r) => r.WEBSITE);
  const offset = noJs() ? 2 : 0;
  return rows.slice(offset, offset + 2).map((r) => ({
    unitid: r.UNITID,
    name: r.NAME,
    domain: r.WEBSITE.replace(/^https?:\/\//, "").replace(/^www\./, "").split("/")[0],
  }));
}

test("a shop owner adds a shop, fixes bad input, and invites a colleague who joins", async ({ page }) => {
  const owner = address("owner");
  const colleague = address("colleague");
  await signUp(page, owner);
  await signIn(page, owner);
  await page.goto("/account");
  await page.getByRole("link", { name: "Add your shop" }).click();
  await expect(page).toHaveURL(/\/shops\/new$/);

  await page.getByLabel("Shop name").fill("<script>alert(1)</script>");
  await page.getByLabel("Kind of shop").selectOption("independent_repair");
  await page.getByLabel("Technicians").selectOption("5-9");
  await page.getByLabel("City").fill("Detroit");
  await page.getByLabel("State").selectOption("MI");
  await page.getByLabel("ZIP code").fill("10001");
  await page.getByRole("button", { name: "Add shop" }).click();
  await expect(page.locator("#name-error")).toHaveText("use plain text: < and > are not allowed");
  // What was typed comes back, inert.
  await expect(page.getByLabel("Shop name")).toHaveValue("<script>alert(1)</script>");
  await expect(page.getByLabel("City")).toHaveValue("Detroit");

  const shopName = `Synthetic Auto ${test.info().project.name} ${Date.now()}`;
  await page.getByLabel("Shop name").fill(shopName);
  await page.getByRole("button", { name: "Add shop" }).click();
  await expect(page.locator("#zip-error")).toHaveText("the ZIP code 10001 is in NY, not MI");

  await page.getByLabel("ZIP code").fill("48201");
  await page.getByRole("button", { name: "Add shop" }).click();
  await expect(page).toHaveURL(/\/orgs\/\d+\?done=created$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(shopName);
  await expect(page.getByText("Waiting for verification")).toBeVisible();
  const shopPage = new URL(page.url()).pathname;

  await page.getByLabel("Their email address").fill(colleague);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await signOut(page);

  // The pending shop is not public.
  const hidden = await page.goto(shopPage);
  expect(hidden?.status()).toBe(404);

  await signUp(page, colleague);
  await signIn(page, colleague);
  await page.goto(linkFor(colleague, "/invitations/accept?token="));
  await page.getByRole("button", { name: `Join ${shopName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "you are now a member" })).toBeVisible();
  const members = page.getByRole("table");
  await expect(members).toContainText(owner.toLowerCase());
  await expect(members).toContainText(colleague.toLowerCase());
});

test("instructors claim programs: a matching domain is verified at once, another waits for an admin", async ({ page }) => {
  const [matching, other] = institutionsForThisProject();
  const instructor = address("instructor", matching.domain);
  await signUp(page, instructor);
  await signIn(page, instructor);
  await page.goto(`/programs/${matching.unitid}`);
  await page.getByRole("link", { name: "I teach here: claim this program" }).click();
  await expect(page.getByLabel("IPEDS UNITID")).toHaveValue(matching.unitid);
  await page.getByRole("button", { name: "Claim this program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "verified" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(matching.name);
  await signOut(page);

  const outsider = address("outsider");
  await signUp(page, outsider);
  await signIn(page, outsider);
  await page.goto(`/schools/new?unitid=${other.unitid}`);
  await page.getByRole("button", { name: "Claim this program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "An admin will verify it" })).toBeVisible();
  await signOut(page);

  await signInAsNewAdmin(page);
  await page.goto("/admin");
  await page.getByRole("button", { name: `Verify ${other.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  await page.goto(`/programs/${other.unitid}`);
  await expect(page.getByText("Its instructors are on Bayline")).toBeVisible();
  await page.goto(`/programs/${matching.unitid}`);
  await expect(page.getByText("Its instructors are on Bayline")).toBeVisible();
});

test("a high-school program is added, approved by an admin, and then shown near its ZIP", async ({ page }) => {
  const teacher = address("teacher", "example.org");
  const name = `Synthetic High School Auto ${test.info().project.name} ${Date.now()}`;
  await signUp(page, teacher);
  await signIn(page, teacher);
  await page.goto("/schools/new");
  const form = page.locator("form[action='/schools/high-school']");
  await form.getByLabel("Program name").fill(name);
  await form.getByLabel("City").fill("Detroit");
  await form.getByLabel("State").selectOption("MI");
  await form.getByLabel("ZIP code").fill("48201");
  await form.getByRole("button", { name: "Add program" }).click();
  await expect(page.locator("#kinds-error")).toHaveText("choose at least one kind the program teaches");
  await form.getByLabel("Automotive").check();
  await form.getByLabel("Collision repair").check();
  await form.getByLabel("ASE Education Foundation accreditation").selectOption("ase_mlr");
  await form.getByRole("button", { name: "Add program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "An admin will verify it" })).toBeVisible();
  await page.goto("/programs?zip=48201&radius=10");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await signOut(page);

  await signInAsNewAdmin(page);
  await page.goto("/admin");
  await page.getByRole("button", { name: `Verify ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  await signOut(page);

  await page.goto("/programs?zip=48201&radius=10");
  await expect(page.locator("#school-results").getByRole("link", { name })).toBeVisible();
  if (!noJs()) {
    const map = page.getByRole("region", { name: /Map of programs/ });
    await expect(map).toHaveAttribute("data-ready", "true");
    await expect(map.locator(`.school-marker[title="${name}"]`)).toHaveCount(1);
  }
  await page.locator("#school-results").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("ASE accredited — Maintenance & Light Repair (MLR)")).toBeVisible();
});

test("a student saves a program and finds it on their account", async ({ page }) => {
  const student = address("student");
  const [program] = institutionsForThisProject();
  await page.goto(`/programs/${program.unitid}`);
  await page.getByRole("link", { name: "Sign in to save this program" }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await signUp(page, student);
  await signIn(page, student, `/programs/${program.unitid}`);
  await expect(page).toHaveURL(new RegExp(`/programs/${program.unitid}$`));
  await page.getByRole("button", { name: "Save this program" }).click();
  await expect(page.getByText("Saved to your account.")).toBeVisible();
  await page.goto("/account");
  const saved = page.getByRole("region", { name: "Saved programs" });
  await expect(saved.getByRole("link", { name: program.name })).toBeVisible();
  await saved.getByRole("button", { name: `Remove ${program.name}` }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("region", { name: "Saved programs" }).getByText("None yet")).toBeVisible();
});
