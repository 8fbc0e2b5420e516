/** What a progress-page form action answers (app/progress/actions.ts), read by its form (components/progress). */
export type ActionState = { readonly ok: boolean; readonly message: string } | null;

/** A server action as `useActionState` takes it: the page hands it to the form, so components never import app/. */
export type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;
