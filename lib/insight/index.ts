/**
 * lib/insight — pure answers about a cluster snapshot for the lab's own tools (the `lab` command, the
 * impact preview, Explain, "Allow this", the map): imports only lib/engine and lib/cluster.
 */
export {
  catalogue,
  podClasses,
  probeFlow,
  probeKey,
  type Catalogue,
  type EndpointKind,
  type EndpointRef,
  type PodClass,
  type Probe,
} from "./probes";
export { probeVerdict, verdictContext, type VerdictContext } from "./verdicts";
export {
  impactBetween,
  impactOfManifest,
  type Change,
  type Impact,
  type ImpactRow,
  type ManifestImpact,
} from "./impact";
export {
  explainFlow,
  explanationLines,
  type Explanation,
  type ExplainResult,
  type NearestRule,
  type StepExplanation,
} from "./explain";
export { draftAllowPolicy, narrowestLabels, type DraftResult } from "./allow";
export {
  reachability,
  type CellKind,
  type Matrix,
  type MatrixCell,
  type MatrixOptions,
  type MatrixPod,
} from "./matrix";
export { impactLine, matrixLines, probeText } from "./format";
export { flowRows, type FlowRow, type RowVerdict } from "./flows";
export {
  clusterGraph,
  graphShape,
  podDetails,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type PodDetails,
} from "./graph";
export { toYaml, type YamlValue } from "./yaml-text";
export { applicableKinds, clusterLabels, fieldsAt, schemaAt, valuesAt, type FieldInfo } from "./fields";
