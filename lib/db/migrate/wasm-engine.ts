/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the build that matches
 * prisma 7.10.0), bound to our driver adapter. This replaces the native schema engine, a download that
 * machines reaching only the npm registry cannot make (see PRISMA-OFFLINE.md in the design notes).
 */
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

let started = false;

/** Instantiates the wasm module once per process (wasm-bindgen's `--target bundler` glue, wired by hand). */
function startWasm(): void {
  if (started) return;
  // The package exports only its JS entry points; find the .wasm beside its entry.
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const compiled = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(compiled, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  (glue as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  started = true;
}

/**
 * better-sqlite3 refuses several statements in one `executeRaw` (the engine sends whole migration scripts
 * that way when it replays them into the shadow database); run those as a script instead.
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && /more than one statement/i.test(String((error as Error)?.message ?? error))) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

/**
 * Wraps a factory so every connection it hands out gets the fallback above, and is remembered: the engine
 * never closes its connections, and an open SQLite handle or pg pool would outlive the command.
 */
function patchFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opened: SqlDriverAdapter[],
): SqlMigrationAwareDriverAdapterFactory {
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return withScriptFallback(adapter);
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
}

export type EngineLog = (line: string) => void;

export type OpenEngine = { readonly engine: SchemaEngine; close(): Promise<void> };

/** Opens a schema engine over `factory` for the given schema file; `close()` frees it and its connections. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  log: EngineLog = () => {},
): Promise<OpenEngine> {
  startWasm();
  const opened: SqlDriverAdapter[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory(patchFactory(factory, opened));
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => log(line),
    bound,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => {});
    },
  };
}
