// The wall-wide state (language, ...) owned by the main process; windows send commands.
import type { Language, WallCommand, WallState } from '../../contract/index.js';

export class WallStateStore {
  private state: WallState;
  private readonly listeners = new Set<(s: WallState) => void>();

  constructor(language: Language = 'vi') {
    this.state = { language, rev: 0 };
  }

  get(): WallState {
    return this.state;
  }

  apply(command: WallCommand): WallState {
    const language =
      command.type === 'toggle-language' ? (this.state.language === 'vi' ? 'en' : 'vi') : command.language;
    if (language !== this.state.language) {
      this.state = { language, rev: this.state.rev + 1 };
      for (const l of this.listeners) l(this.state);
    }
    return this.state;
  }

  subscribe(listener: (s: WallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
