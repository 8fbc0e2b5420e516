/** Parsed scenarios, once per process: every grade and every saved lab replays onto one of these. */
import { parseScenario, type Scenario } from "@/lib/cluster";
import { contentRoot } from "./catalog";
import { readScenarioText } from "./lab-files";

const cache = new Map<string, Scenario>();

/** The scenario `content/scenarios/NAME.yaml`; throws if it does not parse (content checks catch that first). */
export function scenarioNamed(name: string): Scenario {
  const key = `${contentRoot()}\0${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseScenario(name, readScenarioText(contentRoot(), name));
  if (!parsed.ok)
    throw new Error(`content/scenarios/${name}.yaml: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  cache.set(key, parsed.scenario);
  return parsed.scenario;
}
