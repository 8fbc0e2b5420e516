import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChallengePanel } from "@/components/challenge/ChallengePanel";
import { LabLayout } from "@/components/lab/LabLayout";
import { MdxContent } from "@/components/mdx/MdxContent";
import { loadChallengePage } from "@/lib/content/challenges";
import { catalog } from "@/lib/content/catalog";
import { compileMdx } from "@/lib/content/mdx";
import { scenarioNamed } from "@/lib/content/scenarios";

type Params = { params: Promise<{ slug: string }> };

// Static like lessons: the brief is compiled at build time; attempts and the saved lab load in the browser.
export const dynamicParams = false;

export function generateStaticParams() {
  return catalog().challenges.map((challenge) => ({ slug: challenge.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = loadChallengePage((await params).slug);
  return page ? { title: `Challenge: ${page.meta.title}`, description: page.meta.summary } : {};
}

export default async function ChallengePage({ params }: Params) {
  const { slug } = await params;
  const page = loadChallengePage(slug);
  if (!page) notFound();
  const code = await compileMdx(page.body, page.file);
  const { meta } = page;
  const lessons = catalog().lessons.filter((l) => meta.builds_on.includes(l.slug));

  const text = (
    <article className="mx-auto max-w-3xl px-4 py-8 text-slate-700 sm:px-8 dark:text-slate-300">
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-slate-500">
        <Link href="/#challenges" className="hover:underline">
          Challenges
        </Link>{" "}
        / {meta.title}
      </nav>
      <header className="mb-6 space-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-white">{meta.title}</h1>
        <p className="text-lg text-slate-600 dark:text-slate-400">{meta.summary}</p>
        <p className="text-sm text-slate-500">
          {meta.difficulty} · about {meta.minutes} minutes · lab: <code className="font-mono">{meta.scenario}</code>
        </p>
        {lessons.length > 0 ? (
          <p className="text-sm text-slate-500">
            Builds on:{" "}
            {lessons.map((l, i) => (
              <span key={l.slug}>
                {i > 0 ? ", " : ""}
                <Link href={`/lessons/${l.slug}`} className="underline">
                  {l.title}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
      </header>
      <MdxContent code={code} />
      <div className="mt-8">
        <ChallengePanel slug={slug} checks={page.checks} />
      </div>
    </article>
  );

  return (
    <LabLayout
      config={{
        saveUrl: `/api/challenges/${slug}/lab`,
        scenario: scenarioNamed(meta.scenario),
        files: page.files,
        objectives: [],
      }}
      historyKey={`policy-lab:history:challenge:${slug}`}
    >
      {text}
    </LabLayout>
  );
}
