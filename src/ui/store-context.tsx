import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Controller } from '../app/controller';
import type { AppState, AppStore } from '../store/app-store';

/** The store and controller the components use; provided once in main.tsx. */
export const AppContext = createContext<{ store: AppStore; controller: Controller } | null>(null);

function useAppContext() {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppContext is missing: wrap the app in <AppContext.Provider>.');
  return ctx;
}

/** Reads a slice of the store and re-renders when it changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

/** The controller, for components that start actions. */
export function useController(): Controller {
  return useAppContext().controller;
}
