/**
 * `npm run -s instructor:create -- --email ADDRESS [--password-stdin]`: creates an instructor account in
 * DATABASE_URL's database (migrating it first if it never was, so it works before the first `npm start`). The
 * password is asked for twice on a terminal without echo, or read from the first line of stdin.
 * Runs under the react-server condition (see package.json), as the app's server code does.
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { resolveDatabaseTarget } from "../lib/db/url";
import { createInstructor } from "../lib/workshops/instructors";
import { prepareDatabase } from "./prepare-db";

const root = path.resolve(import.meta.dirname, "..");

function fail(message: string): never {
  console.error(`instructor:create: ${message}`);
  process.exit(1);
}

async function readStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    let text = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stdout.write("\n");
          resolve(text);
          return;
        }
        if (ch === "\u0003") process.exit(130);
        if (ch === "\u007f") text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function main() {
  let args;
  try {
    args = parseArgs({ options: { email: { type: "string" }, "password-stdin": { type: "boolean" } }, strict: true });
  } catch (error) {
    fail(`${(error as Error).message}\nusage: npm run -s instructor:create -- --email ADDRESS [--password-stdin]`);
  }
  const email = args.values.email;
  if (!email) fail("--email ADDRESS is required");
  let password: string;
  if (args.values["password-stdin"]) password = await readStdinLine();
  else {
    if (!process.stdin.isTTY) fail("no terminal to ask for the password: pipe it in with --password-stdin");
    password = await askHidden("Password: ");
    if ((await askHidden("Again: ")) !== password) fail("the passwords differ");
  }
  const db = createDb(resolveDatabaseTarget(process.env.DATABASE_URL, root));
  try {
    let created;
    try {
      created = await createInstructor(db, email, password);
    } catch (error) {
      // P2021: no such table — a database that was never migrated. Migrate only then: migrating a database
      // that a running server holds open fails on SQLite, and an up-to-date one needs nothing.
      if ((error as { code?: string }).code !== "P2021") throw error;
      if (!prepareDatabase(root, () => {})) fail("could not prepare the database");
      created = await createInstructor(db, email, password);
    }
    if (!created.ok) fail(created.message);
    console.log(`created instructor ${created.instructor.email}: sign in at /instructor`);
  } finally {
    await db.$disconnect();
  }
}

await main();
