/** Types of scripts/api-process.mjs for the TypeScript tests that start the real server. */
export function apiServerCommand(runner?: "dist" | "tsx"): Promise<{ command: string; args: string[] }>;
