import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** A message for the user: an error (banner) or information (e.g. a backend fallback). */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** Messages shown in the banner; they never clear results already on screen. */
export interface NoticeSlice {
  notices: Notice[];
  /** Shows a notice; its id (dismissNotice). */
  pushNotice(kind: Notice['kind'], text: string): number;
  /** Rewrites a notice still shown (a conversion's progress); nothing when it was dismissed. */
  updateNotice(id: number, text: string): void;
  dismissNotice(id: number): void;
  clearErrors(): void;
}

let nextId = 1;

/** Creates the notice slice. */
export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set) => ({
  notices: [],
  pushNotice: (kind, text) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices, { id, kind, text }] }));
    return id;
  },
  updateNotice: (id, text) => set((s) => ({ notices: s.notices.map((n) => (n.id === id ? { ...n, text } : n)) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clearErrors: () => set((s) => ({ notices: s.notices.filter((n) => n.kind !== 'error') })),
});
