import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log warnings and errors only; a failing test should not drown in state changes.
Runtime.install({ logger: new DefaultLogger('WARN') });
