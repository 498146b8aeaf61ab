import { expect, test } from "@playwright/test";
import { address, linkFor, nameOf, signIn, signInAsNewAdmin, signOut, signUp } from "./people";
import { claimableInstitutions, type Institution } from "./places";
import { noJs } from "./support";

// Shops, program claims and high-school programs, with JavaScript on and off. People are
// SYNTHETIC; institutions are real IPEDS rows, each project claiming different ones.

/** Real IPEDS programs with a website, two per project so the projects never collide. */
function institutionsForThisProject(): Institution[] {
  const offset = noJs() ? 2 : 0;
  return claimableInstitutions().slice(offset, offset + 2);
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
  // Every problem at once: a summary at the top, focused, linking to each field, and each
  // message beside its field; nothing typed in the address.
  await expect(page).toHaveURL(/\/shops\/new$/);
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    "Name: Use plain text: < and > are not allowed.",
    "ZIP code: The ZIP code 10001 is in NY, not MI.",
  ]);
  await expect(page.locator("#name-error")).toHaveText("Use plain text: < and > are not allowed.");
  await expect(page.locator("#zip-error")).toHaveText("The ZIP code 10001 is in NY, not MI.");
  // What was typed comes back, inert.
  await expect(page.getByLabel("Shop name")).toHaveValue("<script>alert(1)</script>");
  await expect(page.getByLabel("City")).toHaveValue("Detroit");
  await summary.getByRole("link", { name: /ZIP code/ }).click();
  await expect(page.getByLabel("ZIP code")).toBeFocused();

  const shopName = `Synthetic Auto ${test.info().project.name} ${Date.now()}`;
  await page.getByLabel("Shop name").fill(shopName);
  await page.getByRole("button", { name: "Add shop" }).click();
  await expect(page.locator("#zip-error")).toHaveText("The ZIP code 10001 is in NY, not MI.");
  await expect(page.locator("#name-error")).toHaveText("");

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
  // Colleagues by name and where their address is, never the address itself.
  await expect(members).toContainText(`${nameOf(owner)} at example.com`);
  await expect(members).toContainText(`${nameOf(colleague)} at example.com`);
  await expect(members).not.toContainText("@");
});

test("instructors claim programs: the school's own host is verified at once, others wait for an admin or the owners", async ({ page }) => {
  test.setTimeout(90_000);
  const [matching, other] = institutionsForThisProject();
  const instructor = address("instructor", matching.domain);
  await signUp(page, instructor);
  await signIn(page, instructor);
  await page.goto(`/programs/${matching.unitid}`);
  await page.getByRole("link", { name: "I teach here: claim this program" }).click();
  // The school is named, with its place and web host, before the button.
  const claiming = page.getByRole("region", { name: "You are claiming" });
  await expect(claiming).toContainText(matching.name);
  await expect(claiming).toContainText(matching.domain);
  await expect(claiming).toContainText(matching.unitid);
  await page.getByRole("button", { name: "Claim this program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "verified" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(matching.name);
  await signOut(page);

  // A student address (a subdomain of the school's host) claims the same school: it is
  // verified already, so its owner is asked.
  const student = address("student", `students.${matching.domain}`);
  await signUp(page, student);
  await signIn(page, student);
  await page.goto(`/schools/new?unitid=${matching.unitid}`);
  await page.getByRole("button", { name: "Claim this program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "asked its instructors to accept you" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your school claims" })).toContainText(
    `${matching.name}: waiting for the school's instructors on Bayline to accept you`,
  );
  await signOut(page);

  // The owner refuses the stranger on the school's page.
  await signIn(page, instructor);
  await page.goto("/account");
  await page.getByRole("link", { name: matching.name }).click();
  const requests = page.getByRole("region", { name: "People asking to join" });
  // By name and the domain of their address, never the whole address.
  await expect(requests).toContainText(nameOf(student));
  await expect(requests).toContainText(`e-mail at students.${matching.domain}`);
  await expect(requests).not.toContainText(student.toLowerCase());
  await expect(requests).toContainText("subdomain");
  await requests.getByRole("button", { name: `Refuse ${nameOf(student)}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refused" })).toBeVisible();
  await expect(page.getByRole("region", { name: "People asking to join" })).toHaveCount(0);
  await signOut(page);

  // Two outsiders claim the other school: neither blocks the other, and both wait for an admin.
  const outsider = address("outsider");
  const second = address("second");
  for (const who of [outsider, second]) {
    await signUp(page, who);
    await signIn(page, who);
    await page.goto(`/schools/new?unitid=${other.unitid}`);
    await page.getByRole("button", { name: "Claim this program" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your claim is in" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Your school claims" })).toContainText(
      `${other.name}: waiting for Bayline's admins to check it`,
    );
    await signOut(page);
  }

  await signInAsNewAdmin(page);
  await page.goto("/admin");
  const school = page.locator(`li[data-unitid="${other.unitid}"]`);
  await expect(school).toContainText(`IPEDS web host: ${other.domain}`);
  await expect(school).toContainText("2 claims");
  await expect(school).toContainText("match: none");
  await school.getByRole("button", { name: `Verify ${nameOf(outsider)} for ${other.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Claim verified" })).toBeVisible();
  await expect(page.locator(`li[data-unitid="${other.unitid}"]`)).toHaveCount(0);
  await page.goto(`/programs/${other.unitid}`);
  await expect(page.getByText("Its instructors are on Bayline")).toBeVisible();
  await page.goto(`/programs/${matching.unitid}`);
  await expect(page.getByText("Its instructors are on Bayline")).toBeVisible();
  await signOut(page);

  // The verified claimant owns the school now; the second claimant waits for them.
  await signIn(page, outsider);
  await page.goto("/account");
  await page.getByRole("link", { name: other.name }).click();
  const waiting = page.getByRole("region", { name: "People asking to join" });
  await waiting.getByRole("button", { name: `Accept ${nameOf(second)}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "they are a member now" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText(nameOf(second));
});

test("a high-school program is added, approved by an admin, and then shown near its ZIP", async ({ page }) => {
  const teacher = address("teacher", "example.org");
  const name = `Synthetic High School Auto ${test.info().project.name} ${Date.now()}`;
  await signUp(page, teacher);
  await signIn(page, teacher);
  await page.goto("/schools/new");
  await page.getByRole("link", { name: "Add your program" }).click();
  await expect(page).toHaveURL(/\/schools\/high-school$/);
  const form = page.locator("form[action='/schools/high-school']");
  await form.getByLabel("Program name").fill(name);
  await form.getByLabel("City").fill("Detroit");
  await form.getByLabel("State").selectOption("MI");
  await form.getByLabel("ZIP code").fill("48201");
  await form.getByRole("button", { name: "Add program" }).click();
  await expect(page.locator("#kinds-error")).toHaveText("Choose at least one kind the program teaches.");
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
  // The queue says who added it, and since when their account exists.
  await expect(page.locator("li.queue-item", { hasText: name })).toContainText(`Added by ${nameOf(teacher)} (e-mail at example.org), account since `);
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
  // From a search near a ZIP: signing in and saving keep the ZIP (and so the distances).
  const here = `/programs/${program.unitid}?zip=48201`;
  await page.goto(here);
  await page.getByRole("link", { name: "Sign in to save this program" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fprograms%2F\d+%3Fzip%3D48201$/);
  await signUp(page, student);
  await signIn(page, student, here);
  await expect(page).toHaveURL(new RegExp(`/programs/${program.unitid}\\?zip=48201$`));
  await page.getByRole("button", { name: "Save this program" }).click();
  await expect(page.getByText("Saved to your account.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/programs/${program.unitid}\\?zip=48201$`));
  await page.goto("/account");
  const saved = page.getByRole("region", { name: "Saved programs" });
  await expect(saved.getByRole("link", { name: program.name })).toBeVisible();
  await saved.getByRole("button", { name: `Remove ${program.name}` }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("region", { name: "Saved programs" }).getByText("None yet")).toBeVisible();
});
