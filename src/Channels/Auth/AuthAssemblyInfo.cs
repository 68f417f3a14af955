using System.Runtime.CompilerServices;

// Auth tests check the resolved endpoints and the caches directly.
[assembly: InternalsVisibleTo("Chatbot.Channels.Tests")]
