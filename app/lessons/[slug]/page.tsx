import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ObjectivesProgress } from "@/components/lab/ObjectivesProgress";
import { LabLayout } from "@/components/lab/LabLayout";
import { MdxContent } from "@/components/mdx/MdxContent";
import { catalog } from "@/lib/content/catalog";
import { loadLesson } from "@/lib/content/lesson";
import { compileMdx } from "@/lib/content/mdx";
import { scenarioNamed } from "@/lib/content/scenarios";
import { freshObjectives } from "@/lib/grading/evaluate";

type Params = { params: Promise<{ slug: string }> };

// Lesson pages are static: the MDX is compiled at build time; the learner's lab loads in the browser.
export const dynamicParams = false;

export function generateStaticParams() {
  return catalog().lessons.map((lesson) => ({ slug: lesson.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = loadLesson((await params).slug);
  return lesson ? { title: lesson.meta.title, description: lesson.meta.summary } : {};
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const lesson = loadLesson(slug);
  if (!lesson) notFound();
  const code = await compileMdx(lesson.body, lesson.file);
  const { meta } = lesson;
  const scenario = scenarioNamed(meta.scenario);

  const text = (
    <article className="mx-auto max-w-3xl px-4 py-8 text-slate-700 sm:px-8 dark:text-slate-300">
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-slate-500">
        <Link href="/#lessons" className="hover:underline">
          Lessons
        </Link>{" "}
        / {lesson.trackTitle} / Lesson {meta.order}
      </nav>
      <header className="mb-6 space-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-white">{meta.title}</h1>
        <p className="text-lg text-slate-600 dark:text-slate-400">{meta.summary}</p>
        <p className="text-sm text-slate-500">
          About {meta.minutes} minutes · lab: <code className="font-mono">{meta.scenario}</code>
        </p>
      </header>
      <ObjectivesProgress />
      <div className="mt-6">
        <MdxContent code={code} />
      </div>
      <nav
        aria-label="Lessons"
        className="mt-12 flex flex-col gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:justify-between dark:border-slate-800"
      >
        {lesson.previous ? (
          <Link
            href={`/lessons/${lesson.previous.slug}`}
            rel="prev"
            className="rounded-lg border border-slate-200 px-4 py-3 hover:border-brand-400 dark:border-slate-800"
          >
            <span className="block text-xs text-slate-500">Previous</span>← {lesson.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {lesson.next ? (
          <Link
            href={`/lessons/${lesson.next.slug}`}
            rel="next"
            className="rounded-lg border border-slate-200 px-4 py-3 text-right hover:border-brand-400 dark:border-slate-800"
          >
            <span className="block text-xs text-slate-500">Next</span>
            {lesson.next.title} →
          </Link>
        ) : null}
      </nav>
    </article>
  );

  return (
    <LabLayout
      config={{
        saveUrl: `/api/lessons/${slug}/lab`,
        scenario,
        files: lesson.files,
        objectives: meta.objectives,
        freshObjectives: freshObjectives(scenario, meta.objectives),
      }}
      historyKey={`policy-lab:history:lesson:${slug}`}
    >
      {text}
    </LabLayout>
  );
}
