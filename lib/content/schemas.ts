/** zod schemas for the content folder (content/README.md): tracks, lesson and challenge frontmatter. */
import * as z from "zod";
import { objectiveSchema } from "@/lib/grading/schema";

const slugPart = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");

export const trackSchema = z.strictObject({
  id: slugPart,
  title: z.string().min(1),
  summary: z.string().min(1),
});
export const tracksSchema = z.array(trackSchema).min(1);
export type Track = z.infer<typeof trackSchema>;

export const lessonFrontmatterSchema = z
  .strictObject({
    title: z.string().min(3),
    summary: z.string().min(10),
    order: z.number().int().min(1),
    track: slugPart,
    minutes: z.number().int().min(1).max(180),
    scenario: slugPart,
    objectives: z.array(objectiveSchema).min(1),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.objectives.forEach((objective, i) => {
      if (seen.has(objective.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["objectives", i, "name"],
          message: `duplicate objective "${objective.name}"`,
        });
      }
      seen.add(objective.name);
    });
  });
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

export const challengeFrontmatterSchema = z.strictObject({
  title: z.string().min(3),
  summary: z.string().min(10),
  order: z.number().int().min(1),
  track: slugPart,
  minutes: z.number().int().min(1).max(240),
  scenario: slugPart,
  difficulty: z.enum(["beginner", "intermediate", "advanced"]),
  /** Lesson slugs this challenge builds on (shown as "learn first"). */
  builds_on: z.array(slugPart).default([]),
});
export type ChallengeFrontmatter = z.infer<typeof challengeFrontmatterSchema>;

/** Formats zod issues as `file: field.path: message` lines, so a bad lesson names what to fix. */
export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${file}: ${issue.path.length > 0 ? issue.path.join(".") : "(frontmatter)"}: ${issue.message}`)
    .join("\n");
}
