/**
 * Playback as a Lit reactive controller: it moves the host's step forward on a timer while
 * playing, and stops its timer when the host leaves the page, so nothing keeps running.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** What playback needs from its host. */
export interface PlaybackHost extends ReactiveControllerHost {
  /** Moves one step forward as playback (firing its event); false when there is no next step. */
  advance(): boolean;
  /** Milliseconds between steps at the current speed. */
  readonly stepInterval: number;
}

/** Plays the host's steps one after another. */
export class PlaybackController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private active = false;

  constructor(private readonly host: PlaybackHost) {
    host.addController(this);
  }

  /** True while playing. */
  get playing(): boolean {
    return this.active;
  }

  /** Starts playing from the current step. */
  play(): void {
    if (this.active) return;
    this.active = true;
    this.schedule();
    this.host.requestUpdate();
  }

  /** Stops after the current step. */
  pause(): void {
    if (!this.active) return;
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.host.requestUpdate();
  }

  /** Restarts the wait for the next step, e.g. after the speed changed. */
  reschedule(): void {
    if (!this.active) return;
    clearTimeout(this.timer);
    this.schedule();
  }

  hostDisconnected(): void {
    this.pause();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.active) return;
      if (this.host.advance()) this.schedule();
      else this.pause();
    }, this.host.stepInterval);
  }
}
